/**
 * The `dockerfile-slim` command: loads the CLI bundle (cli-main.js beside this file) with V8's code cache.
 *
 * Compiling the 1.2 MB bundle is a good part of a one-file run (30–70 ms of ~190 ms CPU here); with the
 * bytecode V8 made on an earlier run it takes a few milliseconds. Node ≥ 22.1 keeps such a cache itself
 * (`module.enableCompileCache`); on older Node the cache is kept here, the same way: one file per bundle
 * build, Node version and architecture, in the user's cache directory (`$XDG_CACHE_HOME/dockerfile-slim`,
 * else `~/.cache/dockerfile-slim`, created private to the user). V8's cache holds the functions compiled by the
 * time it is made, so it is written at the exit of a run that read Dockerfiles (one that compiled only start-up
 * code, as `--version` does, writes none), and written again by a run that read more than twice as many
 * Dockerfiles as the run that wrote it, and at least 8: a run over many files compiles much of the engine that
 * a one-file run never reaches, and without it in the cache every later run compiles it again (a run over the
 * corpus: ~1.3 s CPU with the cache of a one-file run, ~1.0 s with its own). The count is kept in the file's
 * first 8 bytes (`DFSC`, then the count); each rewrite at least doubles it, so a cache is rewritten a few times
 * at most. V8 checks the cache against its own version and flags and rejects one that does not fit; the
 * bundle's size and modification time are in the file name, so a rebuilt bundle never meets an old cache.
 * Anything that goes wrong with the cache only costs the compile. Each build of the bundle (each release, or
 * each `npm run build` of a checkout) has a cache file of its own, so a write also deletes the directory's
 * other cache files last written more than 30 days ago, and all but the 7 most recent others (several
 * installed versions or Node versions used side by side keep theirs), with temporary files left by a run
 * that was killed while writing.
 * `DOCKERFILE_SLIM_NO_COMPILE_CACHE=1` turns it off.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { CLI_V8_FLAGS } from './v8flags.js';

const MAIN = join(__dirname, 'cli-main.js');
const MAGIC = 'DFSC';
const HEADER_BYTES = 8;

/**
 * Whether to write the cache at exit: never after a run that linted nothing; when there was none (or V8 rejected
 * it); and when this run read more than twice as many Dockerfiles as the run that wrote it, and at least 8.
 */
function shouldWrite(missing: boolean, cachedCount: number, linted: number): boolean {
  if (linted === 0) return false;
  if (missing) return true;
  return linted >= 8 && linted > 2 * cachedCount;
}

/** Other builds' cache files kept beside the one just written, and for how long. */
const KEEP_OTHERS = 7;
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;
/** A temporary file older than this was left by a run that died while writing. */
const TMP_AGE_MS = 3600 * 1000;

/** Deletes the cache files of other builds that are old or beyond the most recent few (see the header). */
function pruneCaches(dir: string, keep: string, now: number): void {
  const others: { path: string; mtime: number }[] = [];
  for (const name of readdirSync(dir)) {
    const isCache = /^cli-.*\.cache$/.test(name);
    const isTmp = /^cli-.*\.cache\.\d+\.tmp$/.test(name);
    if ((!isCache && !isTmp) || name === keep) continue;
    const path = join(dir, name);
    try {
      const mtime = statSync(path).mtimeMs;
      if (isTmp) {
        if (now - mtime > TMP_AGE_MS) unlinkSync(path);
      } else others.push({ path, mtime });
    } catch {
      // Gone already (another run pruning): nothing to do.
    }
  }
  others.sort((a, b) => b.mtime - a.mtime);
  others.forEach((o, i) => {
    if (i < KEEP_OTHERS && now - o.mtime <= MAX_AGE_MS) return;
    try {
      unlinkSync(o.path);
    } catch {
      // Gone already, or not ours to delete: it only takes room.
    }
  });
}

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
  let cachedCount = 0;
  try {
    const s = statSync(MAIN);
    cachePath = join(dir, `cli-${s.size}-${Math.floor(s.mtimeMs)}-${process.version}-${process.arch}.cache`);
    const file = readFileSync(cachePath);
    // Our header, then V8's data; a file without it (an older layout, a damaged file) is made anew.
    if (file.length > HEADER_BYTES && file.toString('latin1', 0, 4) === MAGIC) {
      cachedCount = file.readUInt32LE(4);
      cached = file.subarray(HEADER_BYTES);
    }
  } catch {
    cached = undefined;
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source.replace(/^#!.*/, '')}\n})`;
  const script = new Script(wrapper, { filename: MAIN, cachedData: cached });
  const mod: { exports: { dockerfilesLinted?: () => number } } = { exports: {} };
  if (cachePath !== null) {
    const path = cachePath;
    const missing = cached === undefined || script.cachedDataRejected === true;
    process.once('exit', () => {
      // V8 compiles a function when it is first called, and the cache holds what was compiled by then.
      const linted = mod.exports.dockerfilesLinted?.() ?? 0;
      if (!shouldWrite(missing, cachedCount, linted)) return;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const tmp = `${path}.${process.pid}.tmp`;
        const header = Buffer.alloc(HEADER_BYTES);
        header.write(MAGIC, 0, 'latin1');
        header.writeUInt32LE(Math.min(linted, 0xffffffff), 4);
        writeFileSync(tmp, Buffer.concat([header, script.createCachedData()]), { mode: 0o600 });
        renameSync(tmp, path);
      } catch {
        // Not writable: the next run compiles again.
        return;
      }
      try {
        pruneCaches(dir, basename(path), Date.now());
      } catch {
        // The directory cannot be listed: old caches stay.
      }
    });
  }
  const main = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  main(mod.exports, createRequire(MAIN), mod, MAIN, __dirname);
}

run();
