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
  /** Where the numbers come from, labelled as an estimate. */
  basis: string;
  /** Names the whole figure (`split:stage<N>`). */
  id: string;
}

/** The split's expected saving for the final stage `stage` (see the module comment). */
export function splitSaving(model: DockerfileModel, stage: Stage, input: SplitSavingInput): SplitSaving {
  const parts: { id: string; bytes: number }[] = [];
  const basis: string[] = [];
  const unknown: string[] = [];
  const official = input.prefix !== '' && input.runtimeImage.startsWith(input.prefix) ? input.runtimeImage.slice(input.prefix.length) : input.runtimeImage;
  const runtimeRef = input.runtimeImage === 'scratch' ? null : parseImageRef(official);
  const runtimeFacts = runtimeRef && !runtimeRef.unresolved ? lookupImage(runtimeRef) : null;

  // The base image.
  if (input.runtimeImage !== input.builderText) {
    const from = uncompressedFigure(input.builderFacts);
    const to = input.runtimeImage === 'scratch' ? { bytes: 0, image: 'scratch', date: '' } : uncompressedFigure(runtimeFacts);
    if (from && to) {
      parts.push({ id: `image:${from.image}->${to.image}`, bytes: from.bytes - to.bytes });
      basis.push(`base image \`${from.image}\` ${formatBytes(from.bytes)} → \`${to.image}\` ${formatBytes(to.bytes)} (${from.date}${to.date ? `, ${to.date}` : ''}; ${REPO_INFO_LOCAL})`);
    } else {
      unknown.push(`\`${input.builderText}\` → \`${input.runtimeImage}\``);
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
    if (counted > 0) basis.push(`apt installs left in the build stage ${formatBytes(counted)} (Debian Installed-Size of what each adds on its image)`);
  } else if (input.manager !== null) {
    const tools = input.installed.filter((n) => !kept.has(n) && (isToolchainPackage(n) || isCCompilerPackage(n)));
    if (tools.length > 0) unknown.push(tools.map((n) => `\`${n}\``).join(', '));
  }

  // What the runtime stage adds.
  if (input.runtimePackages.length > 0) {
    const set = runtimeRef && runtimeFacts ? packageSetOf(runtimeRef, runtimeFacts) : null;
    if (set) {
      const closure = aptClosure(set.suite, input.runtimePackages, { recommends: !input.runtimeNoRecommends, installed: set.packages, slim: set.slim });
      const bytes = closure.bytes + APT_LAYER_OVERHEAD_BYTES;
      parts.push({ id: `split-runtime-packages:stage${stage.index}`, bytes: -bytes });
      basis.push(`runtime packages −${formatBytes(bytes)} (Debian Installed-Size on \`${official}\`)`);
    } else {
      unknown.push(`the runtime packages on \`${input.runtimeImage}\``);
    }
  }
  if (input.addsVenv) {
    parts.push({ id: `split-venv:stage${stage.index}`, bytes: -VENV_BYTES });
    basis.push(`a new virtualenv −${formatBytes(VENV_BYTES)} (measured: \`python3 -m venv\`, Python 3.11.7)`);
  }
  const bytes = parts.reduce((a, p) => a + p.bytes, 0);
  const said = [...basis, ...(unknown.length > 0 ? [`not estimated: ${unknown.join(', ')}`] : [])];
  const what = said.join('; ') || 'the same image, and nothing installed is left behind';
  return { bytes, parts, unknown, basis: `estimate, uncompressed: ${what}`, id: `split:stage${stage.index}` };
}
