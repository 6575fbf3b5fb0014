/**
 * What the single-stage → multi-stage split saves, in uncompressed bytes (the size `docker images` shows): the
 * build image replaced by the runtime image (docker-library/repo-info figures), plus the apt installs the build
 * stage keeps to itself (Debian package data: what each install adds on its image), minus what the runtime
 * stage adds (the runtime packages it installs, a new virtualenv). An estimate, with its basis; parts without
 * a figure are named, not guessed. The one estimator of the split: its fix title, its finding's estimate and
 * the totals use it.
 *
 * Each part has an id so that totals count a figure once: build-essential left behind is the same figure
 * build-dependencies-kept carries (`build-essential:stage<N>`), and an install's part is named by its place.
 */
import type { Basis } from '../catalog/basis.js';
import { aptClosure } from '../catalog/debianPackages.js';
import { parseImageRef } from '../catalog/imageRef.js';
import { lookupImage, type ImageFacts } from '../catalog/images.js';
import { REPO_INFO_LOCAL, uncompressedFigure } from '../catalog/imageSizes.js';
import { packageSetOf } from '../catalog/packageSets.js';
import { formatBytes } from '../catalog/units.js';
import { APT_LAYER_OVERHEAD_BYTES, aptInstallEstimates } from './aptInstalls.js';
import { isCCompilerPackage, isToolchainPackage } from './builds.js';
import { buildEssentialKept } from './estimates.js';
import type { DockerfileModel, Inst, Stage } from './model.js';

/** A fresh `python -m venv` (pip and setuptools in it): 23,086,533 bytes by `du -sb`, Python 3.11.7 on Debian bookworm. */
export const VENV_BYTES = 23_090_000;

export interface SplitSavingInput {
  /** Catalog facts of the build image (of the official image a local copy or mirror names), null when unknown. */
  builderFacts: ImageFacts | null;
  /** The build image as written. */
  builderText: string;
  /** Every image of the builder's family is a build image (its toolchain stays behind). */
  builderIsToolchain: boolean;
  /** The runtime image as the split writes it, and the registry prefix it shares with the builder (`localhost/`). */
  runtimeImage: string;
  prefix: string;
  /** Packages the runtime stage installs, and whether without Recommends. */
  runtimePackages: readonly string[];
  runtimeNoRecommends: boolean;
  /** Packages the build stage installs, and with which package manager. */
  installed: readonly string[];
  manager: 'apt' | 'apk' | null;
  /** The split adds a virtualenv that the original did not have. */
  addsVenv: boolean;
}

export interface SplitSaving {
  /** Sum of the parts that have a figure (negative: the split makes the image bigger). */
  bytes: number;
  /** The figure's parts, each with the id totals count it by. */
  parts: { id: string; bytes: number }[];
  /** Parts of the saving that have no figure (e.g. the toolchain of `maven:3.9`). */
  unknown: string[];
  /** Where the numbers come from, labelled as an estimate (formatted in the user's language where shown). */
  basis: Basis;
  /** Names the whole figure (`split:stage<N>`). */
  id: string;
}

/** The split's expected saving for the final stage `stage` (see the module comment). */
export function splitSaving(model: DockerfileModel, stage: Stage, input: SplitSavingInput): SplitSaving {
  const parts: { id: string; bytes: number }[] = [];
  const basis: Basis[] = [];
  const unknown: string[] = [];
  /** `unknown` as bases (one item has words of its own). */
  const unknownBasis: (Basis | string)[] = [];
  const official = input.prefix !== '' && input.runtimeImage.startsWith(input.prefix) ? input.runtimeImage.slice(input.prefix.length) : input.runtimeImage;
  const runtimeRef = input.runtimeImage === 'scratch' ? null : parseImageRef(official);
  const runtimeFacts = runtimeRef && !runtimeRef.unresolved ? lookupImage(runtimeRef) : null;

  // The base image.
  if (input.runtimeImage !== input.builderText) {
    const from = uncompressedFigure(input.builderFacts);
    const to = input.runtimeImage === 'scratch' ? { bytes: 0, image: 'scratch', date: '' } : uncompressedFigure(runtimeFacts);
    if (from && to) {
      parts.push({ id: `image:${from.image}->${to.image}`, bytes: from.bytes - to.bytes });
      basis.push({ key: 'splitBaseImage', args: { from: from.image, fromSize: formatBytes(from.bytes), to: to.image, toSize: formatBytes(to.bytes), dates: `${from.date}${to.date ? `, ${to.date}` : ''}`, source: REPO_INFO_LOCAL } });
    } else {
      unknown.push(`\`${input.builderText}\` → \`${input.runtimeImage}\``);
      unknownBasis.push(unknown.at(-1)!);
    }
  }

  // Packages the build stage installs and the runtime stage does not.
  const kept = new Set(input.runtimePackages);
  if (input.manager === 'apt') {
    const runs = new Set<Inst>();
    let counted = 0;
    for (const est of aptInstallEstimates(model).values()) {
      if (est.inst.stage !== stage || est.inst.onbuild) continue;
      const dropped = est.names.filter((n) => !kept.has(n));
      if (dropped.length === 0) continue;
      if (!est.complete) {
        const tools = dropped.filter((n) => isToolchainPackage(n) || isCCompilerPackage(n));
        if (tools.length > 0) unknown.push(tools.map((n) => `\`${n}\``).join(', '));
        if (tools.length > 0) unknownBasis.push(unknown.at(-1)!);
        continue;
      }
      let bytes = est.addedBytes + (runs.has(est.inst) ? 0 : APT_LAYER_OVERHEAD_BYTES);
      runs.add(est.inst);
      counted += bytes;
      if (dropped.includes('build-essential')) {
        // The figure build-dependencies-kept also carries: one id, counted once in totals.
        const be = buildEssentialKept(stage);
        const share = Math.min(be.bytes, bytes);
        parts.push({ id: be.id!, bytes: share });
        bytes -= share;
      }
      if (bytes > 0) parts.push({ id: `apt-install@${est.cmd.start}`, bytes });
    }
    if (counted > 0) basis.push({ key: 'splitAptLeft', args: { size: formatBytes(counted) } });
  } else if (input.manager !== null) {
    const tools = input.installed.filter((n) => !kept.has(n) && (isToolchainPackage(n) || isCCompilerPackage(n)));
    if (tools.length > 0) unknown.push(tools.map((n) => `\`${n}\``).join(', '));
    if (tools.length > 0) unknownBasis.push(unknown.at(-1)!);
  }

  // What the runtime stage adds.
  if (input.runtimePackages.length > 0) {
    const set = runtimeRef && runtimeFacts ? packageSetOf(runtimeRef, runtimeFacts) : null;
    if (set) {
      const closure = aptClosure(set.suite, input.runtimePackages, { recommends: !input.runtimeNoRecommends, installed: set.packages, slim: set.slim });
      const bytes = closure.bytes + APT_LAYER_OVERHEAD_BYTES;
      parts.push({ id: `split-runtime-packages:stage${stage.index}`, bytes: -bytes });
      basis.push({ key: 'splitRuntimePackages', args: { size: formatBytes(bytes), image: official } });
    } else {
      unknown.push(`the runtime packages on \`${input.runtimeImage}\``);
      unknownBasis.push({ key: 'splitRuntimePackagesUnknown', args: { image: input.runtimeImage } });
    }
  }
  if (input.addsVenv) {
    parts.push({ id: `split-venv:stage${stage.index}`, bytes: -VENV_BYTES });
    basis.push({ key: 'splitVenv', args: { size: formatBytes(VENV_BYTES) } });
  }
  const bytes = parts.reduce((a, p) => a + p.bytes, 0);
  const said: Basis[] = [...basis, ...(unknownBasis.length > 0 ? [{ key: 'splitNotEstimated', args: { what: chain('listComma', unknownBasis) } } as const] : [])];
  const what = said.length > 0 ? chain('listSemicolon', said) : ({ key: 'splitNothingLeft' } as const);
  return { bytes, parts, unknown, basis: { key: 'splitEstimate', args: { what } }, id: `split:stage${stage.index}` };
}

/** Items joined in a language's list form: `a; b; c` is `a; (b; c)`. */
function chain(key: 'listComma' | 'listSemicolon', items: readonly (Basis | string)[]): Basis | string {
  return items.length === 1 ? items[0]! : { key, args: { first: items[0]!, rest: chain(key, items.slice(1)) } };
}
