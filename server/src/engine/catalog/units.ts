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
 * several findings (two rules about one install), and a figure another one `includes` (a split's saving holds
 * the packages it leaves behind) is counted inside that one only. Estimates without an id are counted each on
 * their own.
 */
export function totalEstimate(estimates: Iterable<{ bytes: number; id?: string; includes?: readonly string[] } | undefined | null>): number {
  const list = [...estimates].filter((e): e is { bytes: number; id?: string; includes?: readonly string[] } => !!e);
  const covered = coveredIds(list);
  const seen = new Set<string>();
  let sum = 0;
  for (const e of list) {
    if (e.id !== undefined) {
      if (seen.has(e.id) || covered.has(e.id)) continue;
      seen.add(e.id);
    }
    sum += e.bytes;
  }
  return sum;
}

/** The ids of figures that other figures of the list already hold (`includes`). */
export function coveredIds(estimates: Iterable<{ id?: string; includes?: readonly string[] } | undefined | null>): Set<string> {
  const covered = new Set<string>();
  for (const e of estimates) for (const id of e?.includes ?? []) if (id !== e?.id) covered.add(id);
  return covered;
}
