/**
 * The state of the layer walk (`layers.ts`): what each instruction wrote so far (`Creation`), what later
 * instructions remove (`LaterRemoval`, `LaterExtraction`), and the index that keeps the walk linear.
 */
import type { DockerfileModel, Inst, RunInfo } from './model.js';
import { normalizePath, pathRelation, SYSTEM_DIRS } from './paths.js';
import type { ShellCommand, ShellWord } from './shell.js';

export type CacheId = 'apt-lists' | 'apk' | 'yum' | 'dnf' | 'pip' | 'npm';
/**
 * The package databases whose installs the walk remembers: dpkg (apt), apk, rpm (dnf, yum, tdnf, which may
 * remove each other's packages) and pip. Not a package-manager family: those are `packageManagers.ts`.
 */
export type PackageDb = 'apt' | 'apk' | 'rpm' | 'pip';

export interface Creation {
  /** Absolute path. */
  path: string;
  /** `file`: just this path; `tree`: this path and what is under it. */
  shape: 'file' | 'tree';
  inst: Inst;
  /** How it came to be, for messages: `downloaded`, `copied in`, `written`… */
  verb: string;
  cache?: { id: CacheId; by: string };
  /** For ADD: the source was a URL (git or not) or a local archive. */
  add?: { source: string; url: boolean; git: boolean; archive: boolean; unpacked: boolean };
  /** For COPY/ADD of local files: the source as written, relative to the build context (or to `--from`). */
  copied?: { source: string; fromContext: boolean };
  /** A directory `mkdir` made and nothing has filled yet: no bytes at stake. */
  empty: boolean;
  /**
   * A directory an archive was unpacked into (`tar -x -C dir`): it may have held files before, so only a
   * removal of the whole directory surely removes what this instruction wrote, not one of a path inside.
   */
  unknownContents?: boolean;
  /** For a file a RUN downloaded (curl, wget): the command that did. */
  download?: ShellCommand;
  /** For a downloaded file: the first command that unpacked or installed it (tar -x, unzip, dpkg -i, rpm -i). */
  unpackedBy?: { inst: Inst & { run: RunInfo }; cmd: ShellCommand };
  /** Paths inside this tree already removed since it was made: removing them again removes nothing it wrote. */
  holes?: string[];
  removed: boolean;
}

/** A command of a RUN that removes what an earlier instruction wrote. */
export interface LaterRemoval {
  inst: Inst & { run: RunInfo };
  cmd: ShellCommand;
  /** The words at fault (document offsets). */
  start: number;
  end: number;
  kind: 'path' | 'cache' | 'package' | 'prune';
  /**
   * What goes: the paths (kind path, the latest first), the package names (kind package), or nothing (a cache,
   * the dev dependencies). Rules write the words around them.
   */
  names: string[];
  /** How many more paths or packages than `names` shows. */
  more: number;
  /** The cache (kind cache). */
  cache?: CacheId;
  /** The latest earlier instruction whose layer keeps the bytes. */
  source: Inst;
  /** Every earlier instruction whose layer keeps some of the bytes. */
  sources: Inst[];
  /** The creations it hits (kind path and cache). */
  creations: Creation[];
  /** Those of them it only removes a part of. */
  partly?: Creation[];
  /** Each creation hit with the (absolute) path the command removes. */
  hits?: { creation: Creation; path: string }[];
}

/** A later RUN that unpacks a file an ADD brought in. */
export interface LaterExtraction {
  inst: Inst & { run: RunInfo };
  cmd: ShellCommand;
  creation: Creation;
}

export interface StageLayers {
  removals: LaterRemoval[];
  extractions: LaterExtraction[];
  creations: Creation[];
}

export interface Walk {
  model: DockerfileModel;
  cwd: string | null;
  home: string | null;
  /** Every creation so far, in order. */
  creations: Creation[];
  /** The same, indexed for the questions each step asks (so a walk stays linear in the stage's length). */
  index: CreationIndex;
  /**
   * The packages installed so far and the instruction that installed each, by its number (`Inst.index`): the same
   * across the versions a walk is carried between (`layerCarry.ts`), so that a carried map is not rewritten.
   */
  packages: Map<PackageDb, Map<string, number>>;
  devDependencies: { inst: Inst; by: string } | null;
  /**
   * The creations this walk made or copied, which it may change in place. The others it shares with the walk it
   * went on from (a parent stage's, kept as it is): a step copies one before it changes it or names it in a record
   * (`own`), so that a stage's records name creations of its own list, as they stand at the end of its walk.
   */
  mine: Set<Creation>;
  record: boolean;
  out: StageLayers;
}

/**
 * A creation with every field present (undefined where it has none): all records, those a walk makes and their
 * copies, share one shape, so that the walk and the rules read their fields at one place in memory.
 */
export function newCreation(c: Omit<Creation, 'removed' | 'empty'> & { empty?: boolean; removed?: boolean }): Creation {
  return {
    path: c.path,
    shape: c.shape,
    inst: c.inst,
    verb: c.verb,
    cache: c.cache,
    add: c.add,
    copied: c.copied,
    empty: c.empty ?? false,
    unknownContents: c.unknownContents,
    download: c.download,
    unpackedBy: c.unpackedBy,
    holes: c.holes,
    removed: c.removed ?? false,
  };
}

/** A copy of a creation that a walk can change without changing the original (its holes are its own). */
export function copyCreation(c: Creation): Creation {
  const copy = newCreation(c);
  if (c.holes) copy.holes = [...c.holes];
  return copy;
}

/** Records what an instruction writes. */
export function addCreation(w: Walk, c: Omit<Creation, 'removed' | 'empty'> & { empty?: boolean }): Creation | null {
  if (SYSTEM_DIRS.has(c.path)) return null;
  const creation = newCreation(c);
  // Writing under a directory mkdir made fills it.
  filled(w, c.inst, c.path);
  w.creations.push(creation);
  w.index.add(creation);
  w.mine.add(creation);
  return creation;
}

/** The directories `inst` made with mkdir (empty) that `path` is in are filled. */
export function filled(w: Walk, inst: Inst, path: string): void {
  for (const d of w.index.madeEmptyBy(inst)) if (d.empty && pathRelation(d.path, false, path) === 'covers') own(w, d).empty = false;
}

/**
 * The creation as this walk may change it: itself when the walk made or copied it, else a copy that takes its place
 * in the walk's list and index (the walk it went on from keeps the original).
 */
export function own(w: Walk, c: Creation): Creation {
  if (w.mine.has(c)) return c;
  const copy = copyCreation(c);
  const k = w.creations.indexOf(c);
  if (k < 0) throw new Error('a creation of another walk');
  w.creations[k] = copy;
  w.index.replace(c, copy);
  w.mine.add(copy);
  return copy;
}

export function underMount(run: RunInfo, path: string): boolean {
  return run.mounts.some((m) => {
    if (!m.target) return false;
    const t = normalizePath(m.target.startsWith('/') ? m.target : `/${m.target}`);
    return t !== null && pathRelation(t, false, path) === 'covers';
  });
}

/**
 * The creations of a walk, indexed: live (not removed) ones by the first segment of their path, ADDed ones
 * by path, caches by id, and `mkdir`-made ones by instruction. Every list keeps the order of creation, which
 * the reports depend on; removed entries are dropped as they are met.
 */
export class CreationIndex {
  private all: Creation[] = [];
  private readonly byTop = new Map<string, Creation[]>();
  private readonly adds = new Map<string, Creation[]>();
  private readonly caches = new Map<CacheId, Creation[]>();
  private readonly empties = new Map<Inst, Creation[]>();
  private hasRoot = false;
  /** Creations not indexed yet (`of`). */
  private pending: readonly Creation[] | null = null;

  /** The index of a walk's creations, made when first asked (a carried walk's index is asked for only by a stage that goes on from it). */
  static of(creations: readonly Creation[]): CreationIndex {
    const index = new CreationIndex();
    index.pending = creations;
    return index;
  }

  private ready(): void {
    const pending = this.pending;
    if (pending === null) return;
    this.pending = null;
    for (const c of pending) this.add(c);
  }

  /** An index of the same creations that can change without changing this one (its lists are copies). */
  clone(): CreationIndex {
    this.ready();
    const copy = new CreationIndex();
    copy.all = this.all.slice();
    for (const [from, to] of [
      [this.byTop, copy.byTop],
      [this.adds, copy.adds],
      [this.caches, copy.caches],
      [this.empties, copy.empties],
    ] as [Map<unknown, Creation[]>, Map<unknown, Creation[]>][]) {
      for (const [key, list] of from) to.set(key, list.slice());
    }
    copy.hasRoot = this.hasRoot;
    return copy;
  }

  /** `now` (a copy of `was`, the same path, cache, ADD and instruction) takes the place of `was` in every list. */
  replace(was: Creation, now: Creation): void {
    this.ready();
    swap(this.all, was, now);
    swap(this.byTop.get(topSegment(was.path)), was, now);
    if (was.add) swap(this.adds.get(was.path), was, now);
    if (was.cache) swap(this.caches.get(was.cache.id), was, now);
    swap(this.empties.get(was.inst), was, now);
  }

  add(c: Creation): void {
    this.all.push(c);
    const top = topSegment(c.path);
    if (top === '') this.hasRoot = true;
    push(this.byTop, top, c);
    if (c.add) push(this.adds, c.path, c);
    if (c.cache) push(this.caches, c.cache.id, c);
    if (c.empty) push(this.empties, c.inst, c);
  }

  /**
   * Live creations a removal of `path` may touch, in order: those under the same first directory, or all
   * of them when the removal is `/` or its first segment is a glob. (pathRelation compares segment by
   * segment from the root, so creations under another first directory never meet it.)
   */
  mayMeet(path: string, glob: boolean): Creation[] {
    this.ready();
    const top = topSegment(path);
    // A creation of `/` itself would meet every path; none are made (SYSTEM_DIRS), but if one were, scan all.
    if (top === '' || (glob && /[*?[]/.test(top)) || this.hasRoot) return this.compact(this.all, (l) => (this.all = l));
    return this.compact(this.byTop.get(top) ?? [], (l) => this.byTop.set(top, l));
  }

  liveAddsAt(path: string): Creation[] {
    this.ready();
    return this.compact(this.adds.get(path) ?? [], (l) => this.adds.set(path, l));
  }

  liveCaches(id: CacheId): Creation[] {
    this.ready();
    return this.compact(this.caches.get(id) ?? [], (l) => this.caches.set(id, l));
  }

  /** Creations an instruction made with `mkdir` (empty when made), removed or not. */
  madeEmptyBy(inst: Inst): readonly Creation[] {
    this.ready();
    return this.empties.get(inst) ?? NONE;
  }

  /** The live entries of a list (a copy: callers may mark entries removed while iterating). */
  private compact(list: Creation[], replace: (live: Creation[]) => void): Creation[] {
    const live = list.filter((c) => !c.removed);
    if (live.length !== list.length) replace(live);
    return live;
  }
}

const NONE: readonly Creation[] = [];

function swap<V>(list: V[] | undefined, was: V, now: V): void {
  const k = list ? list.indexOf(was) : -1;
  if (k >= 0) list![k] = now;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The first segment of a path as pathRelation splits it (`/opt/app` → `opt`; `/` → ''). */
function topSegment(path: string): string {
  let start = 0;
  while (start < path.length && path.charCodeAt(start) === 47 /* / */) start++;
  const end = path.indexOf('/', start);
  return path.slice(start, end < 0 ? path.length : end);
}

export function distinct<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** What a RUN's command may say of a path it writes besides where and how. */
export type CreationExtra = Pick<Partial<Creation>, 'empty' | 'unknownContents' | 'download'>;

/** What the steps of one RUN share: the walk, the RUN, and how to record what its commands do. */
export interface RunContext {
  w: Walk;
  inst: Inst & { run: RunInfo };
  /** ENV values in force for the RUN. */
  readonly env: ReadonlyMap<string, string>;
  /** The shell's working directory (a `cd` changes it for the commands after it); null when unknown. */
  cwd: string | null;
  /** A word as an absolute path from `cwd`, `~` read as the walk's home; null when unknown. */
  resolve(word: ShellWord): string | null;
  /** Records a path the RUN writes (nothing under a mount reaches the layer). */
  create(path: string | null, shape: 'file' | 'tree', verb: string, extra?: CreationExtra): void;
  /** Records a cache directory the RUN fills. */
  produceCache(id: CacheId, path: string | null, by: string): void;
  /** Records a cleanup of a cache: a later-layer removal when an earlier instruction filled it. */
  cleanCache(cmd: ShellCommand, id: CacheId, end: number): void;
  report(removal: Omit<LaterRemoval, 'inst'>): void;
}
