/**
 * Reading the report bench/lib/gcHook.cjs writes after a forced garbage collection. The hook renames a
 * complete file into place; a server busy linting may handle the signal late, so the reader waits for a file
 * that parses (polling every 20 ms) up to `timeoutMs`, and gives NaN only when none came.
 */
import { readFileSync } from 'node:fs';

export async function readGcReport(path: string, timeoutMs = 10_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const heapUsed = (JSON.parse(readFileSync(path, 'utf8')) as { heapUsed?: unknown }).heapUsed;
      if (typeof heapUsed === 'number') return heapUsed;
    } catch {
      // Not there yet (or, from another writer, not complete): wait.
    }
    if (Date.now() >= until) return Number.NaN;
    await new Promise((r) => setTimeout(r, 20));
  }
}
