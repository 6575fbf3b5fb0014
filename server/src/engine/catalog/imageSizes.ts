/**
 * Size differences between catalogued images, for estimates (a switch to `-slim`, a split onto a runtime
 * image). In the unit `docker images` shows (uncompressed) when both figures have it, else compressed and said
 * so. Pure.
 */
import type { Basis } from './basis.js';
import type { ImageFacts, SizeFigure } from './images.js';

/** An estimate as rules attach it (types.ts `Estimate`, which this matches structurally). */
export interface SizeEstimate {
  bytes: number;
  basis: Basis;
  id?: string;
}

/** What switching from `from` to `to` saves (negative: costs), or null when either size is unknown. */
export function imageSizeChange(from: ImageFacts | SizeFigure | null, to: ImageFacts | SizeFigure | null): SizeEstimate | null {
  const a = from && 'mb' in from ? from : (from?.approxCompressedSize ?? null);
  const b = to && 'mb' in to ? to : (to?.approxCompressedSize ?? null);
  if (!a || !b) return null;
  if (a.uncompressedMb !== undefined && b.uncompressedMb !== undefined) {
    return {
      bytes: Math.round((a.uncompressedMb - b.uncompressedMb) * 1e6),
      basis: { key: 'imageSizeDifference', args: { from: a.measuredImage, to: b.measuredImage, fromSource: a.uncompressedSource ?? a.source, toSource: b.uncompressedSource ?? b.source } },
      id: `image:${a.measuredImage}->${b.measuredImage}`,
    };
  }
  return {
    bytes: Math.round((a.mb - b.mb) * 1e6),
    basis: { key: 'imageSizeDifferenceCompressed', args: { from: a.measuredImage, to: b.measuredImage, platform: a.platform, fromDate: a.date, toDate: b.date, fromSource: a.source, toSource: b.source } },
    id: `image:${a.measuredImage}->${b.measuredImage}`,
  };
}

/** An image size as `docker images` shows it (uncompressed): docker-library/repo-info's "Virtual Size". */
export interface UncompressedFigure {
  bytes: number;
  /** The exact image the figure belongs to. */
  image: string;
  date: string;
}

export const REPO_INFO_LOCAL = 'docker-library/repo-info `repos/<name>/local/<tag>.md` "Virtual Size", linux/amd64';

/** Uncompressed sizes of official images by family and variant, from docker-library/repo-info (`local/<tag>.md`). */
const UNCOMPRESSED: { test(f: ImageFacts): boolean; figure: UncompressedFigure }[] = [
  { test: (f) => f.family === 'golang' && f.distro === 'debian', figure: { bytes: 992_470_000, image: 'golang:1.19.5-bullseye', date: '2023-01-11' } },
  { test: (f) => f.family === 'gcc', figure: { bytes: 1_380_000_000, image: 'gcc:12.5.0', date: '2026-08-05' } },
  { test: (f) => f.family === 'python' && f.variant === 'slim', figure: { bytes: 124_840_000, image: 'python:3.11.15-slim-trixie', date: '2026-08-05' } },
  { test: (f) => f.family === 'python' && f.variant === 'full', figure: { bytes: 1_100_000_000, image: 'python:3.11.16-trixie', date: '2026-08-25' } },
  { test: (f) => f.family === 'node' && f.variant === 'slim', figure: { bytes: 227_340_000, image: 'node:22-bookworm-slim', date: '2026-09-19' } },
  // "~ 1.13 Gb": two digits only.
  { test: (f) => f.family === 'node' && f.variant === 'full', figure: { bytes: 1_130_000_000, image: 'node:22.23.1-bookworm', date: '2026-07-14' } },
  { test: (f) => f.family === 'debian' && f.variant === 'slim', figure: { bytes: 74_830_000, image: 'debian:bookworm-slim', date: '2026-09-18' } },
  // The Ubuntu-based Temurin images (the default tags): JDK and JRE of the same release.
  { test: (f) => f.family === 'eclipse-temurin' && f.variant === 'ubuntu' && f.isToolchain, figure: { bytes: 447_880_000, image: 'eclipse-temurin:17.0.20_8-jdk-resolute', date: '2026-08-21' } },
  { test: (f) => f.family === 'eclipse-temurin' && f.variant === 'ubuntu' && !f.isToolchain, figure: { bytes: 294_400_000, image: 'eclipse-temurin:17.0.20_8-jre-resolute', date: '2026-08-21' } },
];

/** The uncompressed size of an image of this family and variant (a figure of one release of it), or null. */
export function uncompressedFigure(facts: ImageFacts | null): UncompressedFigure | null {
  if (!facts) return null;
  return UNCOMPRESSED.find((f) => f.test(facts))?.figure ?? null;
}
