/**
 * What an `apt-get install` adds, from Debian's own package indexes (debianPackages.generated.ts, written by
 * scripts/generate-debian-packages.ts): the dependency closure apt would install, minus what is installed
 * already, summed over Debian's `Installed-Size`. Pure; the data is parsed once per suite, on first use.
 */
import type { Basis } from './basis.js';
import { cached } from '../memo.js';
import { DEBIAN_SUITES, type DebianSuiteData } from './debianPackages.generated.js';

export type DebianSuite = keyof typeof DEBIAN_SUITES;
export const DEBIAN_SUITE_NAMES = Object.keys(DEBIAN_SUITES) as DebianSuite[];

interface SuiteIndex {
  readonly data: DebianSuiteData;
  readonly names: readonly string[];
  readonly byName: ReadonlyMap<string, number>;
  /** Each package's line of the data; its figures are read from it on first use (see `entry`). */
  readonly lines: readonly string[];
  readonly entries: (Entry | undefined)[];
  /** Providers of the virtual names asked for so far (null: not a virtual name). */
  readonly virtuals: Map<string, readonly number[] | null>;
  /** `aptClosure`'s marks of the packages it added: those equal to `stamp` are this call's (no Set per call). */
  readonly added: Int32Array;
  stamp: number;
}

/** One package's figures. */
interface Entry {
  /** Installed-Size in KiB. */
  readonly kib: number;
  /** Depends and Pre-Depends: groups of alternatives. */
  readonly depends: readonly (readonly number[])[];
  readonly recommends: readonly (readonly number[])[];
  /** Recommends a build or a download needs (see the generator's `loadBearing`). */
  readonly loadBearing: readonly number[];
  /** KiB of docs, man pages and translations that `-slim` images leave out (estimated by the generator). */
  readonly slimKib: number;
  /** KiB of `.pyc` files Debian writes when it installs the package's Python modules (estimated). */
  readonly pycKib: number;
}

const indexes = new Map<DebianSuite, SuiteIndex>();
const minbases = new Map<DebianSuite, ReadonlySet<string>>();

function relation(text: string | undefined): number[][] {
  if (!text) return [];
  return text.split(',').map((g) => g.split('|').map((r) => parseInt(r, 36)));
}

/**
 * The suite's names, indexed. A lint reads the figures of a few dozen of the suite's thousands of packages,
 * so each package's line is parsed when first asked for (a process that lints one file would otherwise spend
 * most of its time reading the whole table).
 */
function suiteIndex(suite: DebianSuite): SuiteIndex {
  let index = indexes.get(suite);
  if (index) return index;
  const data = DEBIAN_SUITES[suite];
  const lines = data.packages.split('\n');
  const names: string[] = new Array<string>(lines.length);
  const byName = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const semi = line.indexOf(';');
    const name = semi < 0 ? line : line.slice(0, semi);
    names[i] = name;
    byName.set(name, i);
  }
  index = { data, names, byName, lines, entries: new Array<Entry | undefined>(lines.length), virtuals: new Map(), added: new Int32Array(lines.length), stamp: 0 };
  indexes.set(suite, index);
  return index;
}

function entry(index: SuiteIndex, i: number): Entry {
  let e = index.entries[i];
  if (e) return e;
  const [, size, deps, recs, lb, slim, pyc] = index.lines[i]!.split(';');
  e = {
    kib: parseInt(size ?? '0', 36),
    depends: relation(deps),
    recommends: relation(recs),
    loadBearing: lb ? lb.split(',').map((r) => parseInt(r, 36)) : [],
    slimKib: slim ? parseInt(slim, 36) : 0,
    pycKib: pyc ? parseInt(pyc, 36) : 0,
  };
  index.entries[i] = e;
  return e;
}

/** The packages that provide a virtual name (its line of the data, found when first asked for). */
function providersOf(index: SuiteIndex, name: string): readonly number[] | undefined {
  const known = index.virtuals.get(name);
  if (known !== undefined) return known ?? undefined;
  const text = index.data.virtuals;
  const key = `${name};`;
  const at = text.startsWith(key) ? 0 : text.indexOf(`\n${key}`) + 1;
  let providers: number[] | null = null;
  if (at > 0 || text.startsWith(key)) {
    const end = text.indexOf('\n', at);
    const list = text.slice(at + key.length, end < 0 ? text.length : end);
    if (name && list) providers = list.split('|').map((r) => parseInt(r, 36));
  }
  index.virtuals.set(name, providers);
  return providers ?? undefined;
}

const sources = new Map<DebianSuite, Basis>();

/** Where the package figures come from, for an estimate's basis: the suite's package index and its date (one value per suite: never change it). */
export function suiteSource(suite: DebianSuite): Basis {
  let source = sources.get(suite);
  if (!source) {
    const d = DEBIAN_SUITES[suite];
    source = { key: 'debianIndex', args: { suite, release: d.release, date: d.date.replace(/^\w+, /, '').replace(/ \d\d:\d\d:\d\d.*$/, '') } };
    sources.set(suite, source);
  }
  return source;
}

/** What debootstrap's minbase variant installs (the package set of the official `debian:<suite>` images). */
export function minbasePackages(suite: DebianSuite): ReadonlySet<string> {
  let set = minbases.get(suite);
  if (!set) {
    set = new Set(DEBIAN_SUITES[suite].minbase.split(' '));
    minbases.set(suite, set);
  }
  return set;
}

export interface AptClosure {
  /** Packages apt would install, in the order found. */
  readonly packages: readonly string[];
  /** Sum of their Installed-Size, in bytes. */
  readonly bytes: number;
  /** Requested names the data does not know (not in Debian main, or outside the shipped subset). */
  readonly unknown: readonly string[];
}

export interface ClosureOptions {
  /** Install Recommends too (apt's default). */
  readonly recommends: boolean;
  /** Packages present already (the image's, and earlier installs'). */
  readonly installed: ReadonlySet<string>;
  /**
   * The image keeps docs, man pages and translations out (dpkg `path-exclude`, as in the `-slim` images):
   * their estimated size is not counted.
   */
  readonly slim?: boolean;
}

/** A requested name as package indices: the package, or the providers of a virtual name (apt installs one). */
function requestedIndex(index: SuiteIndex, name: string): number | null {
  const i = index.byName.get(name);
  if (i !== undefined) return i;
  const providers = providersOf(index, name);
  return providers?.[0] ?? null;
}

/**
 * The packages `apt-get install <names>` would add: each dependency group is satisfied by an alternative
 * installed already, or else by its first alternative (as apt does); with `recommends`, the same for
 * Recommends of every package added.
 */
export function aptClosure(suite: DebianSuite, names: readonly string[], options: ClosureOptions): AptClosure {
  const index = suiteIndex(suite);
  // This call's mark (the call runs to its end before another starts: nothing here calls back).
  const stamp = ++index.stamp;
  const added = index.added;
  const installed = options.installed;
  const isIn = (i: number): boolean => added[i] === stamp || installed.has(index.names[i]!);
  const unknown: string[] = [];
  // Packages apt adds, in the order found: the requested ones, then breadth first (the order is the queue's).
  const order: number[] = [];
  const visit = (i: number): void => {
    if (isIn(i)) return;
    added[i] = stamp;
    order.push(i);
  };
  for (let k = 0; k < names.length; k++) {
    const i = requestedIndex(index, names[k]!);
    if (i === null) unknown.push(names[k]!);
    else visit(i);
  }
  const groups = (relation: readonly (readonly number[])[]): void => {
    for (let g = 0; g < relation.length; g++) {
      const group = relation[g]!;
      let met = false;
      for (let a = 0; a < group.length && !met; a++) met = isIn(group[a]!);
      if (!met) visit(group[0]!);
    }
  };
  for (let k = 0; k < order.length; k++) {
    const e = entry(index, order[k]!);
    groups(e.depends);
    if (options.recommends) groups(e.recommends);
  }
  const packages: string[] = new Array<string>(order.length);
  let bytes = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    packages[k] = index.names[i]!;
    const e = entry(index, i);
    bytes += (e.kib - (options.slim ? e.slimKib : 0) + e.pycKib) * 1024;
  }
  return { packages, bytes, unknown };
}

/**
 * Recommends of the packages an install without recommends brings that a build or a download needs
 * (`cmake` → `gcc`, `make`; `gcc` → `libc6-dev`; `libcurl4` → `ca-certificates`), and that neither that
 * install nor `installed` has. Derived from the package index (see the generator), in the order found.
 */
export function loadBearingRecommends(suite: DebianSuite, names: readonly string[], installed: ReadonlySet<string>, withoutRecommends?: readonly string[]): { add: string; for: string }[] {
  const index = suiteIndex(suite);
  // `withoutRecommends`: the packages of `aptClosure(suite, names, { recommends: false, installed })`, when the caller has them.
  const without = withoutRecommends ? { packages: withoutRecommends } : aptClosure(suite, names, { recommends: false, installed });
  // Present after the install without recommends (the installed set is not copied: it can be the whole image's).
  const added = new Set(without.packages);
  const have = (name: string): boolean => installed.has(name) || added.has(name);
  // Which requested name brings a package (the first whose own closure has it), to say whose recommends they
  // are. Asked only for packages with a load-bearing recommend to add, which most installs have none of; each
  // name's closure is worked out once, when first needed.
  const closures: (ReadonlySet<string> | undefined)[] = [];
  const rootOf = (p: string): string => {
    for (let k = 0; k < names.length; k++) {
      let closure = closures[k];
      if (closure === undefined) closures[k] = closure = new Set(aptClosure(suite, [names[k]!], { recommends: false, installed }).packages);
      if (closure.has(p)) return names[k]!;
    }
    return p;
  };
  const out: { add: string; for: string }[] = [];
  for (const p of without.packages) {
    for (const r of entry(index, index.byName.get(p)!).loadBearing) {
      const name = index.names[r]!;
      if (have(name) || out.some((o) => o.add === name)) continue;
      out.push({ add: name, for: rootOf(p) });
    }
  }
  return out;
}

/** Package names (no spaces: Debian's names) as an install asks for them, with the key its answers are kept under (made once per install). */
export interface AptNames {
  readonly list: readonly string[];
  readonly key: string;
}

export function aptNames(list: readonly string[]): AptNames {
  return { list, key: list.join(' ') };
}

/**
 * A set of installed packages whose closures are worked out once per process: an install asked again on the
 * same set (the same image and the same installs and removals before it, as in many files of a project, or
 * a file linted again) is answered from the memo. Sets are made only from other sets (`rootPackages`, then
 * `adding` and `removing`), each derived set once per set and change, so that equal histories give the same
 * object. What it answers is shared: never change it.
 */
export class InstalledPackages {
  /** By suite and options (`${suite} ${recommends} ${slim}`), then by the names' key. */
  private readonly closures = new Map<string, Map<string, AptClosure>>();
  private readonly loadBearing = new Map<string, Map<string, readonly { add: string; for: string }[]>>();
  private readonly derived = new Map<string, Map<string, InstalledPackages>>();

  private constructor(
    readonly packages: ReadonlySet<string>,
    /** The memo generation the set belongs to (see `remember`). */
    private readonly generation: Generation,
  ) {}

  /** The set holding `packages` as they are (the set is not copied: never change it). */
  static root(packages: ReadonlySet<string>): InstalledPackages {
    let root = generation.roots.get(packages);
    if (!root) {
      root = new InstalledPackages(packages, generation);
      generation.roots.set(packages, root);
    }
    return root;
  }

  /** `aptClosure(suite, names.list, { recommends, installed: this.packages, slim })`. */
  closure(suite: DebianSuite, names: AptNames, recommends: boolean, slim: boolean): AptClosure {
    const memo = cached(this.closures, `${suite} ${recommends} ${slim}`, newMemo);
    let c = memo.get(names.key);
    if (!c) {
      c = aptClosure(suite, names.list, { recommends, installed: this.packages, slim });
      this.remember(memo, names.key, c, 1);
    }
    return c;
  }

  /** `loadBearingRecommends(suite, names.list, this.packages)`. */
  loadBearingRecommends(suite: DebianSuite, names: AptNames, slim: boolean): readonly { add: string; for: string }[] {
    const memo = cached(this.loadBearing, suite, newMemo);
    let found = memo.get(names.key);
    if (!found) {
      // The closure without recommends on this set is the one the install itself asks for: taken from the memo.
      found = loadBearingRecommends(suite, names.list, this.packages, this.closure(suite, names, false, slim).packages);
      this.remember(memo, names.key, found, 1);
    }
    return found;
  }

  /** This set with `closure`'s packages added: `closure` is `this.closure(suite, names, recommends, …)`. */
  adding(suite: DebianSuite, names: AptNames, recommends: boolean, closure: AptClosure): InstalledPackages {
    if (closure.packages.length === 0) return this;
    const memo = cached(this.derived, `+${suite} ${recommends}`, newMemo);
    let next = memo.get(names.key);
    if (!next) {
      const packages = new Set(this.packages);
      for (const p of closure.packages) packages.add(p);
      next = new InstalledPackages(packages, this.generation);
      this.remember(memo, names.key, next, 1 + (packages.size >> 6));
    }
    return next;
  }

  /** This set without `names` (what they brought stays: an autoremove is not modelled). */
  removing(names: readonly string[]): InstalledPackages {
    if (!names.some((n) => this.packages.has(n))) return this;
    const memo = cached(this.derived, '-', newMemo);
    // Removed words as written (a quoted one may hold a space).
    const key = JSON.stringify(names);
    let next = memo.get(key);
    if (!next) {
      const packages = new Set(this.packages);
      for (const n of names) packages.delete(n);
      next = new InstalledPackages(packages, this.generation);
      this.remember(memo, key, next, 1 + (packages.size >> 6));
    }
    return next;
  }

  /**
   * Keeps an answer, counting what the memo holds (`cost`: one per answer, and one per 64 packages of a set):
   * past a bound (an editor session that types many installs), the next `root` starts a new generation and the
   * old one goes once no model holds its sets.
   */
  private remember<V>(memo: Map<string, V>, key: string, value: V, cost: number): void {
    if (this.generation !== generation) return;
    memo.set(key, value);
    generation.size += cost;
    if (generation.size > MEMO_BOUND) generation = { roots: new WeakMap(), size: 0 };
  }
}

interface Generation {
  roots: WeakMap<ReadonlySet<string>, InstalledPackages>;
  size: number;
}

/** Some 10 MB at most (a unit is an answer, or 64 names of a set: a few kB). The corpus's 1,072 files fill about a tenth. */
const MEMO_BOUND = 5_000;
/** A new, empty memo for `cached` (a map of no values fits a memo of any value type). */
const newMemo = (): Map<string, never> => new Map<string, never>();
let generation: Generation = { roots: new WeakMap(), size: 0 };

/** Forgets the answers kept so far: the sets made from now on start a new memo (`resetCaches`). */
export function forgetInstalledPackages(): void {
  generation = { roots: new WeakMap(), size: 0 };
}
