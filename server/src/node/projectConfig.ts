import { readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';

export const CONFIG_FILE = '.dockerfile-slim.json';

/** The nearest `.dockerfile-slim.json` walking up from a directory, parsed; `error` when it is invalid. */
export function findProjectConfig(startDir: string): { path: string; raw: unknown } | { path: string; error: string } | null {
  let dir = startDir;
  const root = parse(dir).root;
  for (let guard = 0; guard < 100; guard++) {
    const path = join(dir, CONFIG_FILE);
    let text: string | null = null;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = null;
    }
    if (text !== null) {
      try {
        return { path, raw: JSON.parse(text) as unknown };
      } catch (e) {
        return { path, error: `${path}: invalid JSON (${e instanceof Error ? e.message : String(e)})` };
      }
    }
    if (dir === root) break;
    dir = dirname(dir);
  }
  return null;
}
