/** `19.9 GB`, `20 MB`, `3.4 MB`, `850 kB`: decimal units, as image tools print sizes. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e7) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

/** A figure as totals see it: an estimate, or a sum of named parts (a split: base image, packages, …). */
export interface CountedFigure {
  bytes: number;
  id?: string;
  parts?: readonly { id: string; bytes: number }[];
}

/**
 * Counts estimates so that each figure is counted once, however many findings or fixes carry it: estimates
 * sharing an `id` are the same figure (two rules about one install); an estimate made of `parts` (a split's
 * base-image change plus the packages it leaves behind) counts each part once by its own id, so a part
 * another finding also carries (build-essential kept) is not counted twice. Estimates without an id are
 * counted each on their own. The one counting rule of `check`, "Slim this Dockerfile" and "Show estimated
 * savings".
 */
export class EstimateTally {
  private readonly seen = new Set<string>();

  /** Counts `e`, returning the bytes it adds to the total (0 for a figure counted already). */
  add(e: CountedFigure | undefined | null): number {
    if (!e) return 0;
    if (e.parts && e.parts.length > 0) {
      let sum = 0;
      for (const p of e.parts) sum += this.once(p.id, p.bytes);
      return sum;
    }
    return e.id === undefined ? e.bytes : this.once(e.id, e.bytes);
  }

  private once(id: string, bytes: number): number {
    if (this.seen.has(id)) return 0;
    this.seen.add(id);
    return bytes;
  }
}

/**
 * The sum of estimates, each figure counted once (see EstimateTally).
 */
export function totalEstimate(estimates: Iterable<CountedFigure | undefined | null>): number {
  const tally = new EstimateTally();
  let sum = 0;
  for (const e of estimates) sum += tally.add(e);
  return sum;
}

