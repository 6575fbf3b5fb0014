/**
 * Size differences between catalogued images, for estimates (a switch to `-slim`, a split onto a runtime
 * image). In the unit `docker images` shows (uncompressed) when both figures have it, else compressed and said
 * so. Pure.
 */
import type { ImageFacts, SizeFigure } from './images.js';

/** An estimate as rules attach it (types.ts `Estimate`, which this matches structurally). */
export interface SizeEstimate {
  bytes: number;
  basis: string;
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
      basis: `uncompressed size difference ${a.measuredImage} − ${b.measuredImage} (${a.uncompressedSource ?? a.source}; ${b.uncompressedSource ?? b.source})`,
      id: `image:${a.measuredImage}->${b.measuredImage}`,
    };
  }
  return {
    bytes: Math.round((a.mb - b.mb) * 1e6),
    basis: `compressed size difference ${a.measuredImage} − ${b.measuredImage}, ${a.platform}, as of ${a.date} / ${b.date} (${a.source}; ${b.source}); compressed, as a registry stores it: the uncompressed difference is larger; approximate, the figures drift with every rebuild`,
    id: `image:${a.measuredImage}->${b.measuredImage}`,
  };
}
