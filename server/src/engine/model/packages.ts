import { findOption, hasOption, operands, optionValues, subcommand } from './commands.js';
import { chainOf } from './chain.js';
import { cached, KeyedCache } from '../memo.js';
import type { DockerfileModel, Inst, RunInfo, Stage } from './model.js';
import { PACKAGE_MANAGER_NAMES, PACKAGE_MANAGERS, packageManagerNamed, type PackageManager } from './packageManagers.js';
import { perRun, runFactKey } from './runs.js';
import type { ShellCommand, ShellScript, ShellWord } from './shell.js';

/**
 * Package-manager calls in RUN scripts: which tool a command is, its subcommand with aliases resolved,
 * whether it fills or cleans the tool's cache, and where earlier configuration could have changed its
 * defaults. Pure functions over the model; rules combine them.
 */

/** One call of a package manager, with its subcommand found. */
export interface PackageCall {
  cmd: ShellCommand;
  manager: PackageManager;
  /** The subcommand as written (`in`, `-y install` → `install`, `groupinstall`). */
  sub: ShellWord;
  /** Its index in `cmd.args`. */
  subIndex: number;
  /**
   * The word that names what the call does: the subcommand, or the second word of two-word forms
   * (`install` in `dnf group install`, `clean` in `apk cache clean`). Install options go right after it.
   */
  verb: ShellWord;
  /** `verb`'s value with aliases resolved: `zypper in` → `install`, `dnf up` → `upgrade`, `zypper cc` → `clean`. */
  action: string;
}

/** The family a command belongs to, from its basename (`/usr/bin/dnf` → `dnf`, `microdnf` → `dnf`). */
export function packageManagerOf(cmd: ShellCommand): PackageManager | null {
  return packageManagerNamed(cmd.name);
}

// Several rules ask about the same commands and scripts in one lint: each is read once.
const callOfCommand = new KeyedCache<ShellCommand, PackageCall | null>();
const callsOfScript = new KeyedCache<ShellScript, PackageCall[]>();

/** The command as a package-manager call, or null when it is none or its subcommand is not static. */
export function packageCall(cmd: ShellCommand): PackageCall | null {
  // Most commands are no package manager: answered by name, without a lookup in (or an entry of) the memo.
  if (!packageManagerNamed(cmd.name)) return null;
  return cached(callOfCommand, cmd, readPackageCall);
}

function readPackageCall(cmd: ShellCommand): PackageCall | null {
  const manager = packageManagerOf(cmd);
  if (!manager) return null;
  const facts = PACKAGE_MANAGERS[manager];
  const optionsWithValue = facts.optionsWithValue;
  const found = subcommand(cmd, optionsWithValue);
  if (!found || found.word.value === null) return null;
  let verb = found.word;
  if (facts.twoWord.has(found.word.value)) {
    const second = operands(cmd, optionsWithValue)[0];
    if (second && second.value !== null) verb = second;
  }
  const value = verb.value!;
  return { cmd, manager, sub: found.word, subIndex: found.index, verb, action: facts.aliases.get(value) ?? value };
}

/** Every package-manager call of a script, in source order. The array is shared: read it, never change it. */
export function packageCalls(script: ShellScript): PackageCall[] {
  let out = callsOfScript.get(script);
  if (!out) {
    out = [];
    // Commands are mostly listed in source order already: copy and sort only when they are not.
    let ordered = script.commands;
    for (let i = 1; i < ordered.length; i++) {
      if (ordered[i]!.start < ordered[i - 1]!.start) {
        ordered = [...ordered].sort((a, b) => a.start - b.start);
        break;
      }
    }
    for (const cmd of ordered) {
      const call = packageCall(cmd);
      if (call) out.push(call);
    }
    callsOfScript.set(script, out);
  }
  return out;
}

/**
 * Whether the RUN calls `manager` (a `packageCall` of one of its commands). It reads the commands' words only:
 * kept per read of the RUN (`perRun`, as one bit per manager), so that a rule about one manager passes over the
 * RUNs that do not call it without reading them again after an edit, and without listing their calls.
 */
export function runCalls(run: RunInfo, manager: PackageManager): boolean {
  return (perRun(run, MANAGERS, () => managersCalled(run)) & MANAGER_BITS[manager]) !== 0;
}

function managersCalled(run: RunInfo): number {
  let mask = 0;
  for (const cmd of run.script?.commands ?? []) {
    const call = packageCall(cmd);
    if (call) mask |= MANAGER_BITS[call.manager];
  }
  return mask;
}

const MANAGER_BITS = Object.fromEntries(PACKAGE_MANAGER_NAMES.map((m, i) => [m, 1 << i])) as Record<PackageManager, number>;
const MANAGERS = runFactKey();
const APT_FETCH = runFactKey();

/** The RUN downloads packages with apt (not only the lists) with no cache mount on apt's archives. Per read of the RUN. */
export function aptFetchesWithoutMount(run: RunInfo): boolean {
  return perRun(run, APT_FETCH, () => {
    if (!run.script || !runCalls(run, 'apt') || hasCacheMount(run, ['/var/cache/apt/archives'])) return false;
    return packageCalls(run.script).some((call) => call.manager === 'apt' && fetchesPackages(call) && call.action !== 'update');
  });
}

/** The call installs packages by name: `apk add`, `apt-get install`, `dnf install`/`in`/`group install`, `zypper in`. */
export function installsPackages(call: PackageCall): boolean {
  return call.action === PACKAGE_MANAGERS[call.manager].install;
}

/** The call's operands after its verb: the package names of an install or removal (`dnf group install X` → `X`). */
export function packageOperands(call: PackageCall): ShellWord[] {
  const words = operands(call.cmd, PACKAGE_MANAGERS[call.manager].optionsWithValue);
  return call.verb === call.sub ? words : words.filter((w) => w !== call.verb);
}

/** The call removes packages: `apt-get purge`, `apk del`, `dnf remove`/`erase`/`autoremove`, `zypper rm`. */
export function removesPackages(call: PackageCall): boolean {
  return PACKAGE_MANAGERS[call.manager].remove.has(call.action);
}

/** The call downloads repository metadata or packages (install, upgrade, refresh, makecache…): it fills the cache. */
export function fetchesPackages(call: PackageCall): boolean {
  return PACKAGE_MANAGERS[call.manager].fetching.has(call.action);
}

/** How much cache the call cleans: `all` (`dnf clean all`, `zypper clean -a`…), `partial` (plain `zypper clean`…) or null. */
export function cleansCache(call: PackageCall): 'all' | 'partial' | null {
  const { manager, cmd } = call;
  if (manager === 'apk') return call.sub.value === 'cache' && (call.action === 'clean' || call.action === 'purge') ? 'all' : null;
  if (manager === 'apt') return call.action === 'clean' || call.action === 'dist-clean' ? 'all' : call.action === 'autoclean' ? 'partial' : null;
  if (call.action !== 'clean') return null;
  if (manager === 'zypper') {
    if (hasOption(cmd, ['--all'], 'a')) return 'all';
    return hasOption(cmd, ['--metadata'], 'm') && hasOption(cmd, ['--raw-metadata'], 'M') ? 'all' : 'partial';
  }
  const kinds = operands(cmd, PACKAGE_MANAGERS[manager].optionsWithValue).map((w) => w.value);
  return kinds.includes('all') ? 'all' : 'partial';
}

/** `dir` is `path` or one of its parent directories. */
export function pathCovers(dir: string, path: string): boolean {
  const d = dir.replace(/\/+$/, '');
  const p = path.replace(/\/+$/, '');
  return d === p || p.startsWith(`${d}/`);
}

/** The RUN has a BuildKit cache or tmpfs mount on one of the paths (or on a directory above it). */
export function hasCacheMount(run: RunInfo, paths: readonly string[]): boolean {
  return run.mounts.some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== null && paths.some((p) => pathCovers(m.target!, p)));
}

/** The command is an `rm` of one of the directories, of what is inside, or of a parent (`rm -rf /var/cache/*`). */
export function removesDir(cmd: ShellCommand, dirs: readonly string[]): boolean {
  if (cmd.name !== 'rm') return false;
  return cmd.args.some((a) => {
    const v = a.value ?? a.text;
    if (v.startsWith('-')) return false;
    const target = v.replace(/^["']|["']$/g, '').replace(/\/\*$/, '').replace(/\/+$/, '');
    if (!target.startsWith('/') && target !== '') return false;
    return dirs.some((d) => pathCovers(target === '' ? '/' : target, d) || pathCovers(d, target));
  });
}


/**
 * Whether the RUNs before `inst` in its image (its stage and the stages it builds FROM) left the package
 * index of `manager` in `dirs`: a call that `stores` it, not followed by a removal of the directories or a
 * full cache clean before `inst`. A later call that does not refresh the index reuses it and adds nothing
 * (an `apk add` after an `apk update` in an earlier layer).
 */
export function indexLeftBefore(inst: Inst, manager: PackageManager, dirs: readonly string[], stores: (call: PackageCall) => boolean): boolean {
  if (!inst.stage) return false;
  let left = false;
  for (const s of chainOf(inst.stage)) {
    for (const i of s.instructions) {
      if (s === inst.stage && i.start >= inst.start) return left;
      if (i.onbuild || !i.run?.script) continue;
      const mounted = hasCacheMount(i.run, dirs);
      for (const cmd of i.run.script.commands) {
        if (removesDir(cmd, dirs)) left = false;
        const call = packageCall(cmd);
        if (!call || call.manager !== manager) continue;
        if (cleansCache(call) === 'all') left = false;
        else if (!mounted && stores(call)) left = true;
      }
    }
  }
  return left;
}

/** Text of the RUNs before `inst` in its stage chain, and of `inst` up to `before`, with `skip`ped commands blanked. */
export function configTextBefore(model: DockerfileModel, inst: Inst, before: number, skip: (cmd: ShellCommand) => boolean): string {
  if (!inst.stage) return '';
  const parts: string[] = [];
  for (const stage of chainOf(inst.stage)) {
    for (const i of stage.instructions) {
      if (!i.run) continue;
      if (i === inst) {
        parts.push(blankCommands(model, i, Math.min(before, i.end), skip));
        continue;
      }
      if (stage === inst.stage && i.start >= inst.start) break;
      // ONBUILD triggers run in a later build, with the other triggers only.
      if (Boolean(i.onbuild) !== Boolean(inst.onbuild) || (i.onbuild && stage !== inst.stage)) continue;
      parts.push(blankCommands(model, i, i.end, skip));
    }
  }
  return parts.join('\n');
}

/**
 * Whether `pattern` matches the text `configTextBefore` would give. Tested RUN by RUN (each RUN's text starts
 * with its keyword, so a configuration pattern cannot match across two), and each stage's RUNs are blanked and
 * tested once per model and pattern: rules ask for every install command, which made whole-file text
 * quadratic on long Dockerfiles.
 */
export function configMatchesBefore(model: DockerfileModel, inst: Inst, before: number, skip: (cmd: ShellCommand) => boolean, pattern: RegExp): boolean {
  if (!inst.stage) return false;
  if (inst.run && pattern.test(blankCommands(model, inst, Math.min(before, inst.end), skip))) return true;
  const onbuild = Boolean(inst.onbuild);
  for (const stage of chainOf(inst.stage)) {
    // ONBUILD triggers run in a later build, with the other triggers of their stage only.
    if (onbuild && stage !== inst.stage) continue;
    const first = firstMatchingRun(model, stage, onbuild, skip, pattern);
    if (first !== null && (stage !== inst.stage || first < inst.start)) return true;
  }
  return false;
}

const firstMatchCache = new KeyedCache<Stage, Map<(cmd: ShellCommand) => boolean, Map<string, number | null>>>();

/** Start of the first RUN of the stage (triggers or not, as asked) whose blanked text matches, or null. */
function firstMatchingRun(model: DockerfileModel, stage: Stage, onbuild: boolean, skip: (cmd: ShellCommand) => boolean, pattern: RegExp): number | null {
  let bySkip = firstMatchCache.get(stage);
  if (!bySkip) firstMatchCache.set(stage, (bySkip = new Map()));
  let byPattern = bySkip.get(skip);
  if (!byPattern) bySkip.set(skip, (byPattern = new Map()));
  const key = `${onbuild}/${pattern.source}/${pattern.flags}`;
  return cached(byPattern, key, () => stage.instructions.find((i) => i.run && Boolean(i.onbuild) === onbuild && pattern.test(blankCommands(model, i, i.end, skip)))?.start ?? null);
}

function blankCommands(model: DockerfileModel, inst: Inst, end: number, skip: (cmd: ShellCommand) => boolean): string {
  const chars = model.text.slice(inst.start, end).split('');
  for (const cmd of inst.run?.script?.commands ?? []) {
    if (!skip(cmd)) continue;
    for (let k = Math.max(cmd.start, inst.start); k < Math.min(cmd.end, end); k++) chars[k - inst.start] = ' ';
  }
  return chars.join('');
}

/** An earlier COPY/ADD of the stage chain writes one of the files (to its path, or a same-named source to its directory). */
export function copiesFileBefore(inst: Inst, files: readonly string[]): boolean {
  if (!inst.stage) return false;
  for (const stage of chainOf(inst.stage)) {
    const first = firstCopyOf(stage, files);
    if (first !== null && (stage !== inst.stage || first < inst.start)) return true;
  }
  return false;
}

const firstCopyCache = new KeyedCache<Stage, Map<string, number | null>>();

/** Start of the first COPY/ADD of the stage (ONBUILD triggers aside) that writes one of the files, or null; once per model. */
function firstCopyOf(stage: Stage, files: readonly string[]): number | null {
  let byFiles = firstCopyCache.get(stage);
  if (!byFiles) firstCopyCache.set(stage, (byFiles = new Map()));
  const key = files.join('\0');
  return cached(byFiles, key, () => stage.instructions.find((i) => !i.onbuild && (i.keyword === 'COPY' || i.keyword === 'ADD') && writesOneOf(i, files))?.start ?? null);
}

function writesOneOf(i: Inst, files: readonly string[]): boolean {
  const args = i.node.getArguments().map((a) => a.getValue());
  if (args.length < 2) return false;
  const dest = args[args.length - 1]!.replace(/\/+$/, '');
  const sources = args.slice(0, -1).map((s) => s.replace(/\/+$/, '').split('/').pop() ?? '');
  return files.some((f) => {
    const slash = f.lastIndexOf('/');
    return dest === f || (dest === f.slice(0, slash) && sources.includes(f.slice(slash + 1)));
  });
}

/** What a RUN leaves in a package manager's cache. */
export interface CacheLeft {
  /** The first call that fills the cache with no cleanup after it. */
  fill: PackageCall;
  /** A clean of the same family after the last fill that only cleans part of the cache (plain `zypper clean`). */
  partialClean: PackageCall | null;
}

/** What a RUN leaves in the cache of `managers`: a fill not followed by a full clean by `cleaners` or `rm`, and no mount. */
export function cacheLeftBehind(run: RunInfo, managers: readonly PackageManager[], cleaners: readonly PackageManager[]): CacheLeft | null {
  const script = run.script;
  if (!script) return null;
  if (!managers.some((m) => runCalls(run, m))) return null;
  const calls = packageCalls(script);
  const fills = calls.filter((c) => managers.includes(c.manager) && fetchesPackages(c));
  if (fills.length === 0) return null;
  const dirs = [...new Set([...managers.flatMap((m) => PACKAGE_MANAGERS[m].cacheDirs), ...fills.flatMap(cacheDirsChosen)])];
  if (hasCacheMount(run, dirs)) return null;
  const cleanups = script.commands.filter((c) => {
    if (removesDir(c, dirs)) return true;
    const call = packageCall(c);
    return call !== null && cleaners.includes(call.manager) && cleansCache(call) === 'all';
  });
  const left = fills.filter((f) => !cleanups.some((c) => c.start > f.cmd.end));
  const first = left[0];
  if (!first) return null;
  const last = left[left.length - 1]!;
  const partialClean = calls.find((c) => c.cmd.start > last.cmd.end && cleaners.includes(c.manager) && cleansCache(c) === 'partial') ?? null;
  return { fill: first, partialClean };
}

/** Cache directories a call chooses on its command line (`--setopt=cachedir=DIR`, `--cache-dir DIR`). */
export function cacheDirsChosen(call: PackageCall): string[] {
  const { cmd, manager } = call;
  if (manager === 'apk') return optionValues(cmd, ['--cache-dir']);
  if (manager === 'zypper') return optionValues(cmd, ['--cache-dir', '-C', '--pkg-cache-dir', '--raw-cache-dir', '--solv-cache-dir']);
  if (manager === 'dnf' || manager === 'yum') {
    return optionValues(cmd, ['--setopt']).flatMap((v) => (/^cachedir=/i.test(v) ? [v.slice('cachedir='.length)] : []));
  }
  return [];
}

/** How a call is named in messages: the command and its subcommand words (`dnf install`, `dnf group install`). */
export function callLabel(call: PackageCall): string {
  const words = [call.cmd.name, call.sub.value];
  if (call.verb !== call.sub) words.push(call.verb.value);
  return words.join(' ');
}

const SAFE_WORD = /^[\w@%+=:,./-]+$/;

/** The command that empties the cache a call filled, with its `sudo` and install root; null when the root is a variable. */
export function cleanCommandFor(model: DockerfileModel, call: PackageCall): string | null {
  const { cmd, manager } = call;
  if (!cmd.nameWord || !cmd.name) return null;
  const words: string[] = [];
  if (/(^|\s)sudo(\s|$)/.test(model.text.slice(cmd.start, cmd.nameWord.start))) words.push('sudo');
  words.push(cmd.name);
  const rootOptions = manager === 'zypper' ? ['--root', '-R', '--installroot'] : ['--installroot'];
  for (const option of rootOptions) {
    if (!findOption(cmd, [option])) continue;
    const value = optionValues(cmd, [option])[0];
    if (value === undefined) return null;
    words.push(option, SAFE_WORD.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);
  }
  if (findOption(cmd, ['--use-host-config'])) words.push('--use-host-config');
  if (manager === 'zypper') words.push('clean', '--all');
  else if (manager === 'apk') words.push('cache', 'clean');
  else if (manager === 'apt') words.push('clean');
  else words.push('clean', 'all');
  return words.join(' ');
}
