import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * The shared corpus of real Dockerfiles: `shared/corpus` in the nearest directory above the project that has
 * one (`../shared/corpus` for a checkout, `../../shared/corpus` for a worktree under `wt/`).
 */
export const CORPUS_DIR = findCorpus();

function findCorpus(): string {
  const project = join(__dirname, '..', '..');
  for (let dir = dirname(project); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'corpus');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return join(dirname(project), 'shared', 'corpus');
  }
}

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
