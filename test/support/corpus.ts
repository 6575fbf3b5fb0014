import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The shared corpus of real Dockerfiles, beside the project (../shared/corpus). */
export const CORPUS_DIR = join(__dirname, '..', '..', '..', 'shared', 'corpus');

export function isDockerfileName(name: string): boolean {
  return /^(Dockerfile|Containerfile)(\..+)?$/i.test(name) || /\.(dockerfile|Dockerfile)$/.test(name);
}

/** Every Dockerfile of the corpus as [path relative to the corpus, text]; empty when the corpus is absent. */
export function corpusFiles(filter?: (rel: string) => boolean): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (isDockerfileName(name)) {
        const rel = relative(CORPUS_DIR, p);
        if (!filter || filter(rel)) out.push([rel, readFileSync(p, 'utf8')]);
      }
    }
  };
  walk(CORPUS_DIR);
  return out;
}
