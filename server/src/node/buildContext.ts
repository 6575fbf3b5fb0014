import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { BuildContextInfo } from '../engine/index.js';
import { DirectoryNames } from './dirNames.js';

type Kind = 'file' | 'dir' | 'other' | null;

/** How a name beside the Dockerfile is looked at: `stat`, or a run's listings first (`BuildContextCache`). */
type KindIn = (dir: string, name: string) => Kind;

const byStat: KindIn = (dir, name) => kindOf(join(dir, name));

/**
 * What the engine may know about the build context of a Dockerfile on disk. The context is taken to be the
 * Dockerfile's directory, which is what `docker build .` next to it uses (a build run from elsewhere, with
 * `-f`, has another context that cannot be known here). Reads only; never runs anything.
 */
export function buildContextFor(dockerfilePath: string): BuildContextInfo {
  const dir = dirname(dockerfilePath);
  return contextOf(directoryFacts(dir, byStat), dir, basename(dockerfilePath), byStat);
}

/**
 * `buildContextFor` for the many Dockerfiles of one CLI run: what a directory holds (package.json and its
 * scripts, .git, go.mod, Cargo.toml, .dockerignore) is read once per directory, and names the directory does not
 * list are not asked for (`DirectoryNames`). Each answer is the one `buildContextFor` gives, as long as the run
 * does not change the directories: a run that writes files calls `forget`.
 */
export class BuildContextCache {
  private readonly names = new DirectoryNames();
  private readonly dirs = new Map<string, DirectoryFacts>();
  private readonly kindIn: KindIn = (dir, name) => (this.names.mayHold(dir, name) ? kindOf(join(dir, name)) : null);

  /**
   * `dir`: the Dockerfile's directory, resolved, when the caller has it. The answer is read when first looked at:
   * most Dockerfiles' rules never look (only a COPY of the context's root, a later cleanup of copied files, npm's
   * dev dependencies and the split ask), and then the directory is not listed at all.
   */
  forDockerfile(dockerfilePath: string, dir = resolve(dirname(dockerfilePath))): BuildContextInfo {
    return whenRead(() => {
      let facts = this.dirs.get(dir);
      if (!facts) {
        facts = directoryFacts(dir, this.kindIn);
        this.dirs.set(dir, facts);
      }
      return contextOf(facts, dir, basename(dockerfilePath), this.kindIn);
    });
  }

  /**
   * Whether `name` may be in `dir` (a resolved path; false: it certainly is not), from the listing this run made
   * of it; `list`: list it if it was not yet (the directories of the run's Dockerfiles, not every directory above).
   */
  mayHold(dir: string, name: string, list: boolean): boolean {
    return this.names.mayHold(dir, name, list);
  }

  /** Forgets every directory seen: the run wrote files (a fix's `.dockerignore`, which may be in a subdirectory). */
  forget(): void {
    this.dirs.clear();
    this.names.forget();
  }
}

/**
 * An object that is `make()`'s answer in every way a reader can look (its properties, `in`, its keys, a copy by
 * spread), made on the first look.
 */
function whenRead<T extends object>(make: () => T): T {
  let made: T | undefined;
  const real = (): T => (made ??= make());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(real(), key),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      // A proxy may only report a property its (empty) target lacks as configurable.
      return d && { ...d, configurable: true };
    },
  });
}

/** What a directory holds that every Dockerfile in it shares as its build context. */
interface DirectoryFacts {
  hasPackageJson: boolean;
  packageScripts: Record<string, string> | null;
  hasGitDir: boolean;
  goMod: string | null | undefined;
  cargoToml: string | null | undefined;
  /** The context root's `.dockerignore`: its text, `null` when there is none, `undefined` when it is there but unreadable. */
  dockerignore: string | null | undefined;
}

function directoryFacts(dir: string, kindIn: KindIn): DirectoryFacts {
  const hasPackageJson = kindIn(dir, 'package.json') === 'file';
  return {
    hasPackageJson,
    packageScripts: hasPackageJson ? packageScripts(join(dir, 'package.json')) : null,
    hasGitDir: kindIn(dir, '.git') === 'dir',
    goMod: smallFileOf(dir, 'go.mod', kindIn),
    cargoToml: smallFileOf(dir, 'Cargo.toml', kindIn),
    dockerignore: ignoreFile(dir, '.dockerignore', kindIn),
  };
}

function contextOf(facts: DirectoryFacts, dir: string, dockerfileName: string, kindIn: KindIn): BuildContextInfo {
  const info: BuildContextInfo = { hasPackageJson: facts.hasPackageJson, hasGitDir: facts.hasGitDir, goMod: facts.goMod, cargoToml: facts.cargoToml };
  if (facts.packageScripts) info.packageScripts = facts.packageScripts;
  // BuildKit reads `<Dockerfile name>.dockerignore` beside the Dockerfile first, then `.dockerignore` at the
  // context root.
  const own = `${dockerfileName}.dockerignore`;
  const first = ignoreFile(dir, own, kindIn);
  if (first !== null) {
    if (first !== undefined) {
      info.dockerignore = first;
      info.dockerignorePath = own;
    }
    return info;
  }
  if (facts.dockerignore !== undefined) info.dockerignore = facts.dockerignore;
  return info;
}

/**
 * An ignore file's text; null when there is none (nothing there, or it went away before it was read), undefined
 * when it is there but cannot be read (a directory, no permission): what it excludes is unknown.
 */
function ignoreFile(dir: string, name: string, kindIn: KindIn): string | null | undefined {
  // Usually there is none: ask without an exception (building one costs more than the look).
  if (kindIn(dir, name) === null) return null;
  try {
    return readFileSync(join(dir, name), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? null : undefined;
  }
}

/** The string-valued `scripts` of a package.json; null when it has none or cannot be read or parsed. */
function packageScripts(path: string): Record<string, string> | null {
  try {
    const scripts: unknown = (JSON.parse(readFileSync(path, 'utf8')) as { scripts?: unknown } | null)?.scripts;
    if (typeof scripts !== 'object' || scripts === null || Array.isArray(scripts)) return null;
    const out: Record<string, string> = {};
    for (const [name, text] of Object.entries(scripts)) if (typeof text === 'string') out[name] = text;
    return Object.keys(out).length > 0 ? out : null;
  } catch {
    return null;
  }
}

/**
 * A manifest at the context root: go.mod (which modules need cgo), Cargo.toml (the program `cargo run` starts);
 * null when there is none, undefined when unreadable or over 1 MB.
 */
function smallFileOf(dir: string, name: string, kindIn: KindIn): string | null | undefined {
  const kind = kindIn(dir, name);
  if (kind === null) return null;
  const path = join(dir, name);
  try {
    return kind === 'file' && statSync(path).size <= 1_000_000 ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function kindOf(path: string): Kind {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    if (!s) return null;
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
  } catch {
    return null;
  }
}
