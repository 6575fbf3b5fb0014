import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { discover } from '../../server/src/cli/discover.js';

/** The project root (this file is bench/lib/corpus.ts). */
export const ROOT = resolve(__dirname, '..', '..');

/**
 * The shared corpus: `$CORPUS`, else `../shared/corpus` beside the project, else `/work/shared/corpus`
 * (worktrees sit one level deeper than the main checkout).
 */
export function corpusDir(): string {
  const candidates = [process.env['CORPUS'], join(ROOT, '..', 'shared', 'corpus'), '/work/shared/corpus'];
  for (const c of candidates) if (c && existsSync(c)) return resolve(c);
  throw new Error('corpus not found: set CORPUS=/path/to/dockerfiles');
}

export interface CorpusFile {
  path: string;
  text: string;
}

/** Every Dockerfile of the corpus, found the way `dockerfile-slim check DIR` finds them, in the same order. */
export function corpusFiles(dir = corpusDir()): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const path of discover([dir], (m) => process.stderr.write(`${m}\n`))) out.push({ path, text: readFileSync(path, 'utf8') });
  return out;
}
