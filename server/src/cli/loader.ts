/**
 * The `dockerfile-slim` command: loads the CLI bundle (cli-main.js beside this file) with V8's code cache.
 *
 * Compiling the 1.2 MB bundle is a good part of a one-file run (30–70 ms of ~190 ms CPU here); with the
 * bytecode V8 made on an earlier run it takes a few milliseconds. Node ≥ 22.1 keeps such a cache itself
 * (`module.enableCompileCache`); on older Node the cache is kept here, the same way: one file per bundle
 * build, Node version and architecture, in the user's cache directory (`$XDG_CACHE_HOME/dockerfile-slim`,
 * else `~/.cache/dockerfile-slim`, created private to the user), written after a run that had none, so that
 * it also holds the functions that run compiled (the first run that read a Dockerfile: one that compiled
 * only start-up code, as `--version` does, writes none). V8 checks the cache against its own version and flags and
 * rejects one that does not fit; the bundle's size and modification time are in the file name, so a rebuilt
 * bundle never meets an old cache. Anything that goes wrong with the cache only costs the compile.
 * `DOCKERFILE_SLIM_NO_COMPILE_CACHE=1` turns it off.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { CLI_V8_FLAGS } from './v8flags.js';

const MAIN = join(__dirname, 'cli-main.js');

function cacheDir(): string | null {
  const xdg = process.env['XDG_CACHE_HOME'];
  if (xdg) return join(xdg, 'dockerfile-slim');
  const home = homedir();
  return home ? join(home, '.cache', 'dockerfile-slim') : null;
}

function run(): void {
  // The CLI's V8 flags (v8flags.ts says why): V8 keeps a cache only for the flags it was made with, so they
  // are set before the bundle is compiled.
  setFlagsFromString(CLI_V8_FLAGS);
  const dir = process.env['DOCKERFILE_SLIM_NO_COMPILE_CACHE'] === '1' ? null : cacheDir();
  const enable = (Module as unknown as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (dir === null || typeof enable === 'function') {
    if (dir !== null) {
      try {
        enable!(dir);
      } catch {
        // No cache: the bundle is compiled as usual.
      }
    }
    // The bundle beside this file (esbuild leaves this require as it is: ./cli-main.js is external).
    require('./cli-main.js');
    return;
  }
  const source = readFileSync(MAIN, 'utf8');
  let cachePath: string | null = null;
  let cached: Buffer | undefined;
  try {
    const s = statSync(MAIN);
    cachePath = join(dir, `cli-${s.size}-${Math.floor(s.mtimeMs)}-${process.version}-${process.arch}.cache`);
    cached = readFileSync(cachePath);
  } catch {
    cached = undefined;
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source.replace(/^#!.*/, '')}\n})`;
  const script = new Script(wrapper, { filename: MAIN, cachedData: cached });
  const mod: { exports: { worthCaching?: () => boolean } } = { exports: {} };
  if (cachePath !== null && (cached === undefined || script.cachedDataRejected === true)) {
    const path = cachePath;
    process.once('exit', () => {
      // V8 compiles a function when it is first called, and the cache holds what was compiled by then. A run
      // that linted nothing (`--version`, help, a usage error) compiled start-up code only, and a cache V8
      // accepts is never written again: it waits for a run that read a Dockerfile (main.ts: worthCaching).
      if (mod.exports.worthCaching?.() === false) return;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const tmp = `${path}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        renameSync(tmp, path);
      } catch {
        // Not writable: the next run compiles again.
      }
    });
  }
  const main = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  main(mod.exports, createRequire(MAIN), mod, MAIN, __dirname);
}

run();
