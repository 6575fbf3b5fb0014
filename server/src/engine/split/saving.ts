/**
 * What a split is expected to save, in uncompressed bytes (the size `docker images` shows): the builder image
 * replaced by the runtime image, plus the build-only packages the runtime stage does not install, minus what
 * the split adds (a virtualenv). An estimate, with its basis; parts without a figure are named, not guessed.
 *
 * Pure: figures are data.
 */
import { parseImageRef } from '../catalog/imageRef.js';
import { lookupImage, type ImageFacts } from '../catalog/images.js';
import { isCCompilerPackage, isToolchainPackage } from '../model/builds.js';
import type { BuilderImage } from './images.js';

/** An image size as `docker images` shows it (uncompressed). */
interface ImageFigure {
  bytes: number;
  /** The exact image the figure belongs to. */
  image: string;
  date: string;
}

const REPO_INFO = 'docker-library/repo-info `repos/<name>/local/<tag>.md` "Virtual Size", linux/amd64';

/** Uncompressed sizes of official images, from docker-library/repo-info (the "Virtual Size" of `local/<tag>.md`). */
const FIGURES: { test(f: ImageFacts): boolean; figure: ImageFigure }[] = [
  { test: (f) => f.family === 'golang' && f.distro === 'debian', figure: { bytes: 992_470_000, image: 'golang:1.19.5-bullseye', date: '2023-01-11' } },
  { test: (f) => f.family === 'gcc', figure: { bytes: 1_380_000_000, image: 'gcc:12.5.0', date: '2026-08-05' } },
  { test: (f) => f.family === 'python' && f.variant === 'slim', figure: { bytes: 124_840_000, image: 'python:3.11.15-slim-trixie', date: '2026-08-05' } },
  { test: (f) => f.family === 'python' && f.variant === 'full', figure: { bytes: 1_100_000_000, image: 'python:3.11.16-trixie', date: '2026-08-25' } },
  { test: (f) => f.family === 'node' && f.variant === 'slim', figure: { bytes: 227_340_000, image: 'node:22-bookworm-slim', date: '2026-09-19' } },
  { test: (f) => f.family === 'debian' && f.variant === 'slim', figure: { bytes: 74_830_000, image: 'debian:bookworm-slim', date: '2026-09-18' } },
];

/**
 * Installed size of build-only Debian packages on `debian:bookworm-slim` (bytes). `build-essential` is its whole
 * closure, measured with buildah (`--no-install-recommends`, image-lab variant h vs k); the others are the
 * package's own `Installed-Size` in Debian bookworm (amd64), without dependencies, so a lower bound.
 */
const PACKAGES: Record<string, { bytes: number; basis: string }> = {
  'build-essential': { bytes: 300_840_000, basis: 'closure measured with buildah on debian:bookworm-slim' },
  make: { bytes: 1_592_000, basis: 'Installed-Size, Debian bookworm' },
  git: { bytes: 44_890_000, basis: 'Installed-Size, Debian bookworm, without dependencies' },
  cmake: { bytes: 28_897_000, basis: 'Installed-Size, Debian bookworm, without dependencies' },
  'pkg-config': { bytes: 29_000, basis: 'Installed-Size, Debian bookworm' },
};

/** A fresh `python -m venv` (pip and setuptools in it): 23,086,533 bytes by `du -sb`, Python 3.11.7 on Debian bookworm. */
export const VENV_BYTES = 23_090_000;

/** Below this expected saving a split is not offered: it changes the image's layout for too little. */
export const MIN_SAVING_BYTES = 20_000_000;

export interface SplitSaving {
  /** Bytes saved by the parts that have a figure (negative: the split makes the image bigger). */
  bytes: number;
  /** Whether the builder's toolchain, or a compiler package, is left behind even if it has no figure here. */
  toolchainLeft: boolean;
  /** Parts of the saving that have no figure (e.g. the toolchain of `maven:3.9`). */
  unknown: string[];
  /** Where the numbers come from. */
  basis: string;
}

function figureOf(facts: ImageFacts | null): ImageFigure | null {
  if (!facts) return null;
  return FIGURES.find((f) => f.test(facts))?.figure ?? null;
}

/** Facts of the runtime image as the split writes it (`debian:bookworm-slim`, `localhost/python:3.11-slim`). */
function runtimeFacts(image: string): ImageFacts | null {
  const ref = parseImageRef(image.replace(/^localhost\//, ''));
  return ref && !ref.unresolved ? lookupImage(ref) : null;
}

export interface SavingInput {
  builder: BuilderImage | null;
  /** Whether every image of the builder's family is a build image (compilers or an SDK). */
  builderIsToolchain: boolean;
  runtimeImage: string;
  /** Packages the build stage installs that the runtime stage does not. */
  dropped: readonly string[];
  /** The split adds a virtualenv that the original did not have. */
  addsVenv: boolean;
  /** The package manager of the dropped packages: the figures are Debian's, so only apt's are counted. */
  manager: 'apt' | 'apk' | null;
}

export function estimateSaving(input: SavingInput): SplitSaving {
  const basis: string[] = [];
  const unknown: string[] = [];
  let bytes = 0;
  const builderText = input.builder?.ref.text ?? 'the builder image';
  const sameImage = input.builder !== null && input.runtimeImage === input.builder.ref.text;
  if (!sameImage) {
    const from = figureOf(input.builder?.facts ?? null);
    const to = input.runtimeImage === 'scratch' ? { bytes: 0, image: 'scratch', date: '' } : figureOf(runtimeFacts(input.runtimeImage));
    if (from && to) {
      bytes += from.bytes - to.bytes;
      basis.push(`\`${from.image}\` ${mb(from.bytes)} → \`${to.image}\` ${mb(to.bytes)} (${from.date}${to.date ? `, ${to.date}` : ''}; ${REPO_INFO})`);
    } else {
      unknown.push(`\`${builderText}\` → \`${input.runtimeImage}\``);
    }
  }
  // A build image (golang, gcc, python) has most build tools already: installing them adds little, so only
  // packages added to a slim image are counted.
  for (const name of input.builderIsToolchain ? [] : input.dropped) {
    if (input.manager !== 'apt') {
      unknown.push(`\`${name}\``);
      continue;
    }
    const p = PACKAGES[name];
    if (p) {
      bytes += p.bytes;
      basis.push(`\`${name}\` ${mb(p.bytes)} (${p.basis})`);
    } else if (isToolchainPackage(name) || isCCompilerPackage(name)) unknown.push(`\`${name}\``);
  }
  if (input.addsVenv) {
    bytes -= VENV_BYTES;
    basis.push(`a new virtualenv −${mb(VENV_BYTES)} (measured: \`python3 -m venv\`, Python 3.11.7)`);
  }
  const toolchainLeft = (input.builderIsToolchain && !sameImage) || input.dropped.some((n) => isCCompilerPackage(n) || (isToolchainPackage(n) && !PACKAGES[n]));
  return { bytes, toolchainLeft, unknown, basis: `estimate, uncompressed: ${basis.join('; ') || 'the same image, and nothing installed is left behind'}` };
}

/** `918.3 MB` (10^6 bytes). */
export function mb(bytes: number): string {
  const v = Math.abs(bytes) / 1e6;
  return `${bytes < 0 ? '−' : ''}${v >= 100 ? Math.round(v) : v.toFixed(1)} MB`;
}

/** The part of the fix title that says what the split saves: `≈ −918 MB est.`, `saving not estimated`. */
export function savingLabel(s: SplitSaving): string {
  if (s.unknown.length > 0) return s.bytes > 0 ? `more than ${mb(s.bytes)} smaller, est.` : 'saving not estimated';
  return s.bytes >= 0 ? `≈ −${mb(s.bytes)} est.` : `≈ +${mb(-s.bytes)} est.`;
}
