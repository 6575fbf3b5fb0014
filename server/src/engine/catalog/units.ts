/** `19.9 GB`, `20 MB`, `3.4 MB`, `850 kB`: decimal units, as image tools print sizes. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e7) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

/**
 * The sum of estimates, each figure counted once: estimates sharing an `id` are the same figure attached by
 * several findings (two rules about one install). Estimates without an id are counted each on their own.
 */
export function totalEstimate(estimates: Iterable<{ bytes: number; id?: string } | undefined | null>): number {
  const seen = new Set<string>();
  let sum = 0;
  for (const e of estimates) {
    if (!e) continue;
    if (e.id !== undefined) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
    }
    sum += e.bytes;
  }
  return sum;
}
