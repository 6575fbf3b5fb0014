import { readFileSync, statSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';

export const CONFIG_FILE = '.dockerfile-slim.json';

export type ProjectConfig = { path: string; raw: unknown } | { path: string; error: string } | null;

/**
 * The nearest `.dockerfile-slim.json` walking up from a directory, parsed; `error` when it is invalid.
 * With `memo` (one run of the CLI over many files), each directory is looked at once: the answer for a
 * directory is kept for every directory the walk passed through to reach it. `mayHold` (a run's directory
 * listings, `BuildContextCache`) may say that a directory certainly has no such file, which is then not asked for.
 */
export function findProjectConfig(startDir: string, memo?: Map<string, ProjectConfig>, mayHold?: (dir: string, name: string) => boolean): ProjectConfig {
  let dir = startDir;
  const root = parse(dir).root;
  const passed: string[] = [];
  let found: ProjectConfig = null;
  for (let guard = 0; guard < 100; guard++) {
    const known = memo?.get(dir);
    if (known !== undefined) {
      found = known;
      break;
    }
    passed.push(dir);
    const path = join(dir, CONFIG_FILE);
    // A missing file is the common case: ask without an exception (building one costs more than the look).
    const text = mayHold && !mayHold(dir, CONFIG_FILE) ? null : readIfFile(path);
    if (text !== null) {
      try {
        found = { path, raw: JSON.parse(text) as unknown };
      } catch (e) {
        found = { path, error: `${path}: invalid JSON (${e instanceof Error ? e.message : String(e)})` };
      }
      break;
    }
    if (dir === root) break;
    dir = dirname(dir);
  }
  if (memo) for (const d of passed) memo.set(d, found);
  return found;
}

/** A file's text; null when nothing readable is there. */
export function readIfFile(path: string): string | null {
  try {
    if (!statSync(path, { throwIfNoEntry: false })) return null;
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
