import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { allRules } from '../../server/src/engine/index.js';

export const CLI = resolve(__dirname, '..', '..', 'server', 'out', 'cli.js');

/** The rules these tests look at; every other rule is switched off so new rules do not change the output. */
export const TESTED_RULES = ['apt-lists-left', 'apt-recommends-installed', 'shell-form-command'];

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a separate process, the way users and CI run it. */
export function cli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    // English unless a test asks otherwise: the CLI follows LC_ALL, LC_MESSAGES and LANG.
    env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8', ...options.env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A fresh temporary directory with a `.dockerfile-slim.json` that leaves only TESTED_RULES on, and the
 * given files written into it (paths relative to the directory; Buffers are written as they are).
 */
export function project(files: Record<string, string | Buffer>, isolate = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'dfslim-cli-'));
  if (isolate) {
    const rules = Object.fromEntries(allRules.filter((r) => !TESTED_RULES.includes(r.meta.id)).map((r) => [r.meta.id, 'off']));
    writeFileSync(join(dir, '.dockerfile-slim.json'), JSON.stringify({ rules }));
  }
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** A Dockerfile with one finding from each tested rule. */
export const SMELLY = [
  'FROM debian:bookworm',
  'RUN apt-get update && apt-get install -y curl',
  'COPY app /app',
  'CMD node /app/server.js',
  '',
].join('\n');

/** A Dockerfile none of the tested rules objects to. */
export const CLEAN = ['FROM debian:bookworm', 'COPY app /app', 'CMD ["node", "/app/server.js"]', ''].join('\n');

/** A scratch image with a shell-form CMD: an error whose fix is safe. */
export const SCRATCH = ['FROM scratch', 'COPY app /app', 'CMD ./app', ''].join('\n');
