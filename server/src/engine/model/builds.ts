/**
 * What RUN instructions build: compile steps (for build-in-final-stage, large-base-image), toolchain
 * installs and removals, and the programs compiled with their output path and linking (for libc-mismatch,
 * tls-roots-missing).
 */
import { optionValues, subcommand } from './commands.js';
import { isCrossToolchainPackage } from './crossToolchain.js';
import { oldAlpineGoLinksMusl } from './goVersion.js';
import { envAt, runsOf, type Inst, type RunInfo, type Stage } from './model.js';
import type { ShellCommand, ShellWord } from './shell.js';
import { joinPath, stageArgDefaults, stageChain, stageImageFacts, workdirAt } from './stageFacts.js';

export type RunInst = Inst & { run: RunInfo };

export type BuildKind = 'go' | 'c' | 'make' | 'rust' | 'maven' | 'gradle' | 'node' | 'dotnet' | 'pip';

/** A command that compiles or bundles. */
export interface CompileStep {
  kind: BuildKind;
  inst: RunInst;
  cmd: ShellCommand;
  /** The words at fault, e.g. `go build`, `npm run build`, `gcc`. */
  start: number;
  end: number;
  label: string;
}

const C_COMPILER = /^(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+)(?:-\d+(?:\.\d+)*)?$/;
const C_SOURCE = /\.(?:c|cc|cpp|cxx|c\+\+|C|o|a|s|S)$/;
const MAVEN_PHASES = new Set(['package', 'install', 'verify', 'deploy']);
const GRADLE_TASKS = new Set(['build', 'assemble', 'bootJar', 'bootWar', 'jar', 'war', 'shadowJar', 'installDist', 'distTar', 'distZip']);

/** The compile step a command is, or null. */
export function compileStep(inst: RunInst, cmd: ShellCommand): CompileStep | null {
  const name = cmd.name;
  const nameWord = cmd.nameWord;
  if (!name || !nameWord) return null;
  const vals = cmd.args.map((a) => a.value);
  const step = (kind: BuildKind, end: ShellWord, label: string): CompileStep => ({ kind, inst, cmd, start: nameWord.start, end: end.end, label });
  const sub = subcommand(cmd);
  switch (name) {
    case 'go':
      return sub && sub.word.value === 'build' ? step('go', sub.word, 'go build') : null;
    case 'cargo':
      return sub && sub.word.value === 'build' ? step('rust', sub.word, 'cargo build') : null;
    case 'make':
    case 'gmake':
      if (vals.some((v) => v === '--version' || v === '-v' || v === '--help' || v === '-h' || v === '-n' || v === '--dry-run')) return null;
      return step('make', nameWord, name);
    case 'mvn':
    case 'mvnw': {
      const phase = cmd.args.find((a) => a.value !== null && MAVEN_PHASES.has(a.value));
      return phase ? step('maven', phase, `${name} ${phase.value}`) : null;
    }
    case 'gradle':
    case 'gradlew': {
      const task = cmd.args.find((a) => a.value !== null && GRADLE_TASKS.has(a.value.slice(a.value.lastIndexOf(':') + 1)));
      return task ? step('gradle', task, `${name} ${task.value}`) : null;
    }
    case 'npm':
    case 'pnpm':
    case 'yarn': {
      if (!sub || sub.word.value === null) return null;
      if (sub.word.value === 'run' || sub.word.value === 'run-script') {
        const script = cmd.args[sub.index + 1];
        if (script?.value && /^build(?::.*)?$/.test(script.value)) return step('node', script, `${name} ${sub.word.value} ${script.value}`);
        return null;
      }
      if (name !== 'npm' && /^build(?::.*)?$/.test(sub.word.value)) return step('node', sub.word, `${name} ${sub.word.value}`);
      return null;
    }
    case 'dotnet':
      return sub && (sub.word.value === 'publish' || sub.word.value === 'build') ? step('dotnet', sub.word, `dotnet ${sub.word.value}`) : null;
    default:
      break;
  }
  if (/^pip\d*(?:\.\d+)?$/.test(name)) {
    if (sub?.word.value === 'wheel') return step('pip', sub.word, `${name} wheel`);
    if (sub?.word.value === 'install' && pipCompilesWithInstalledCompiler(inst, cmd, sub.index)) return step('pip', sub.word, `${name} install`);
    return null;
  }
  if (/^python\d*(?:\.\d+)?$/.test(name)) {
    const m = vals.indexOf('-m');
    if (m < 0 || !/^pip\d*$/.test(vals[m + 1] ?? '')) return null;
    const word = cmd.args[m + 2];
    if (vals[m + 2] === 'wheel') return step('pip', word!, `${name} -m pip wheel`);
    if (vals[m + 2] === 'install' && pipCompilesWithInstalledCompiler(inst, cmd, m + 2)) return step('pip', word!, `${name} -m pip install`);
    return null;
  }
  if (C_COMPILER.test(name)) {
    // Only real compilations: `gcc --version` or `cc -dumpmachine` are not.
    if (!vals.some((v) => v !== null && (C_SOURCE.test(v) || v === '-o' || (v.startsWith('-o') && v.length > 2)))) return null;
    return step('c', nameWord, name);
  }
  return null;
}

/** Options of `pip install` that take a value (the value is not a package). */
const PIP_INSTALL_VALUE_OPTIONS = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
  '-t', '--target', '--prefix', '--root', '--src', '--platform', '--python-version', '--implementation', '--abi', '--upgrade-strategy',
  '--no-binary', '--only-binary', '--trusted-host', '--cache-dir', '--log', '--proxy', '--retries', '--timeout', '--exists-action',
  '--cert', '--client-cert', '--global-option', '--config-settings', '-C', '--progress-bar', '--report',
]);
/** pip's own tools: pure Python, nothing to compile. */
const PIP_TOOLS = new Set(['pip', 'setuptools', 'wheel']);

/**
 * A `pip install` (its arguments after `install` at `subIndex`) run after the stage chain installed a C
 * compiler (`gcc`, `build-essential`, `build-base`…): the compiler is there to build the C extensions of
 * packages that have no wheel for the platform, so the install is a build. Not when it can only install
 * prebuilt files: wheel files, `--only-binary :all:`, or only pip's own tools. A requirements file, an
 * editable install or a package name may build from source.
 */
function pipCompilesWithInstalledCompiler(inst: RunInst, cmd: ShellCommand, subIndex: number): boolean {
  const stage = inst.stage;
  if (!stage || installedToolchain(stage, inst, cmd.start, isCCompilerPackage).length === 0) return false;
  const args = cmd.args.slice(subIndex + 1);
  const operands: (string | null)[] = [];
  let fromSource = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === null) {
      operands.push(null);
      continue;
    }
    if (!v.startsWith('-')) {
      operands.push(v);
      continue;
    }
    const option = v.split('=')[0]!;
    const value = v.includes('=') ? v.slice(option.length + 1) : (args[i + 1]?.value ?? null);
    if (option === '--only-binary' && value === ':all:') return false;
    if (option === '-r' || option === '--requirement' || option === '-e' || option === '--editable') fromSource = true;
    if (!v.includes('=') && PIP_INSTALL_VALUE_OPTIONS.has(option)) i++;
  }
  if (fromSource) return true;
  if (operands.length === 0) return false;
  return operands.some((o) => o === null || !(/\.whl$/i.test(o) || PIP_TOOLS.has(o.replace(/^["']|["']$/g, '').replace(/[=<>~!;[].*$/, '').toLowerCase())));
}

/** Every compile step of the given RUN instructions, in document order. */
export function compileSteps(insts: readonly RunInst[]): CompileStep[] {
  const out: CompileStep[] = [];
  for (const inst of insts) {
    for (const cmd of inst.run.script?.commands ?? []) {
      const s = compileStep(inst, cmd);
      if (s) out.push(s);
    }
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------ */
/* Package installs and removals                                                                     */
/* ------------------------------------------------------------------------------------------------ */

export type Manager = 'apt' | 'apk' | 'rpm' | 'zypper';

const INSTALL: Record<string, { manager: Manager; subs: string[]; withValue: Set<string> }> = {
  'apt-get': { manager: 'apt', subs: ['install'], withValue: new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release']) },
  apt: { manager: 'apt', subs: ['install'], withValue: new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release']) },
  apk: { manager: 'apk', subs: ['add'], withValue: new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir']) },
  yum: { manager: 'rpm', subs: ['install'], withValue: new Set(['-x', '--exclude', '--enablerepo', '--disablerepo', '--releasever', '--installroot']) },
  dnf: { manager: 'rpm', subs: ['install'], withValue: new Set(['-x', '--exclude', '--enablerepo', '--disablerepo', '--releasever', '--installroot']) },
  microdnf: { manager: 'rpm', subs: ['install'], withValue: new Set(['--enablerepo', '--disablerepo', '--releasever', '--installroot']) },
  tdnf: { manager: 'rpm', subs: ['install'], withValue: new Set(['--enablerepo', '--disablerepo', '--releasever', '--installroot']) },
  zypper: { manager: 'zypper', subs: ['install', 'in'], withValue: new Set(['-r', '--repo']) },
};

const REMOVE: Record<string, string[]> = {
  'apt-get': ['purge', 'remove', 'autoremove'],
  apt: ['purge', 'remove', 'autoremove'],
  apk: ['del'],
  yum: ['remove', 'erase', 'autoremove'],
  dnf: ['remove', 'erase', 'autoremove'],
  microdnf: ['remove'],
  tdnf: ['remove', 'erase', 'autoremove'],
  zypper: ['remove', 'rm'],
};

export interface Install {
  cmd: ShellCommand;
  manager: Manager;
  /** Package words (version pins stripped from `value`). */
  packages: { word: ShellWord; name: string | null }[];
  /** apk `--virtual NAME` / `-t NAME`. */
  virtual: string | null;
}

/** An install command (`apt-get install`, `apk add`, `dnf install`…) with its package names, or null. */
export function installOf(cmd: ShellCommand): Install | null {
  if (!cmd.name) return null;
  const def = INSTALL[cmd.name];
  if (!def) return null;
  const sub = subcommand(cmd, def.withValue);
  if (!sub || !def.subs.includes(sub.word.value ?? '')) return null;
  const packages: Install['packages'] = [];
  let virtual: string | null = null;
  for (let i = 0; i < cmd.args.length; i++) {
    if (i === sub.index) continue;
    const w = cmd.args[i]!;
    const v = w.value;
    if (v !== null && v.startsWith('-')) {
      if (def.withValue.has(v)) {
        if ((v === '-t' || v === '--virtual') && def.manager === 'apk') virtual = cmd.args[i + 1]?.value ?? null;
        i++;
      } else if (v.startsWith('--virtual=')) virtual = v.slice('--virtual='.length);
      continue;
    }
    if (i < sub.index) continue;
    packages.push({ word: w, name: v === null ? null : v.replace(/(?:[=<>~]|:[a-z0-9]+$).*$/, '').replace(/:[a-z0-9]+$/, '') });
  }
  return { cmd, manager: def.manager, packages, virtual };
}

/** A removal command (`apk del`, `apt-get purge`…): the names it removes and whether it auto-removes. */
export function removalOf(cmd: ShellCommand): { names: string[]; auto: boolean } | null {
  if (!cmd.name) return null;
  const subs = REMOVE[cmd.name];
  if (!subs) return null;
  const sub = subcommand(cmd, INSTALL[cmd.name]?.withValue);
  if (!sub || !subs.includes(sub.word.value ?? '')) return null;
  const names: string[] = [];
  let auto = sub.word.value === 'autoremove';
  for (let i = sub.index + 1; i < cmd.args.length; i++) {
    const v = cmd.args[i]!.value;
    if (v === null) continue;
    if (v === '--auto-remove' || v === '--autoremove') auto = true;
    if (!v.startsWith('-')) names.push(v);
  }
  return { names, auto };
}

/** Packages that put a C compiler in the image. */
const C_TOOLCHAIN = new Set(['build-essential', 'build-base', 'gcc', 'g++', 'gcc-c++', 'clang', 'musl-dev', 'alpine-sdk']);
/** Packages that put a compiler or SDK in the image. */
const TOOLCHAIN = /^(?:build-essential|build-base|alpine-sdk|gcc|g\+\+|gcc-c\+\+|clang|cpp|make|cmake|musl-dev|libc6-dev|glibc-devel|go|golang|golang-go|golang-\d[\d.]*(?:-go)?|rust|rustc|cargo|maven|gradle|nodejs-dev|openjdk\d*|openjdk-\d+-jdk(?:-headless)?|openjdk\d+-jdk|default-jdk(?:-headless)?|java-[\d.]+-openjdk-devel|dotnet-sdk-[\d.]+|gcc-\d+|g\+\+-\d+|clang-\d+|@development-tools|@development tools)$/i;

export function isToolchainPackage(name: string): boolean {
  return TOOLCHAIN.test(name) || isCrossToolchainPackage(name);
}

export function isCCompilerPackage(name: string): boolean {
  return C_TOOLCHAIN.has(name) || /^(?:gcc|g\+\+|clang)-\d+$/.test(name);
}

/** Every command of the RUNs of a stage chain up to (not including) `inst`, with their RUN, in order. */
function commandsBefore(stage: Stage, inst: Inst | null): { inst: RunInst; cmd: ShellCommand }[] {
  const out: { inst: RunInst; cmd: ShellCommand }[] = [];
  for (const r of runsOf(stageChain(stage))) {
    if (r.onbuild) continue;
    if (inst && r.stage === inst.stage && r.start > inst.start) break;
    for (const cmd of r.run.script?.commands ?? []) out.push({ inst: r, cmd });
  }
  return out;
}

const eventsCache = new WeakMap<Stage, { inst: RunInst; cmd: ShellCommand; ins: Install | null; rem: { names: string[]; auto: boolean } | null }[]>();

/**
 * The installs and removals of packages in the stage chain (ONBUILD triggers aside), in order, read once per
 * model: rules ask for every compile step, which made long Dockerfiles quadratic.
 */
function packageEvents(stage: Stage): { inst: RunInst; cmd: ShellCommand; ins: Install | null; rem: { names: string[]; auto: boolean } | null }[] {
  let events = eventsCache.get(stage);
  if (!events) {
    events = [];
    for (const { inst, cmd } of commandsBefore(stage, null)) {
      const ins = installOf(cmd);
      const rem = ins ? null : removalOf(cmd);
      if (ins || rem) events.push({ inst, cmd, ins, rem });
    }
    eventsCache.set(stage, events);
  }
  return events;
}

/**
 * Toolchain packages installed by the stage chain before document offset `offset` of RUN `inst` (earlier
 * RUNs, then the commands of `inst` that start before `offset`), minus those removed since; apk virtual names
 * and apt auto-removal are followed. `offset` = `inst.start` gives the state before the RUN, `Infinity` after it.
 */
export function installedToolchain(stage: Stage, inst: Inst | null, offset: number, predicate: (name: string) => boolean = isToolchainPackage): string[] {
  const events = packageEvents(stage);
  // Events come in document order, so "this event is at or after the point asked about" holds from some
  // index on: a query reads on from where the last one stopped (rules ask in document order), or from the
  // start of that instruction's events, instead of replaying the stage chain each time.
  const stops = (e: PackageEvent): boolean => (inst !== null && e.inst.stage === inst.stage && e.inst.start > inst.start) || (e.inst === inst && e.cmd.start >= offset);
  let byPredicate = cursors.get(stage);
  if (!byPredicate) cursors.set(stage, (byPredicate = new Map()));
  let c = byPredicate.get(predicate);
  if (c && c.next > 0 && stops(events[c.next - 1]!)) {
    c = c.mark > 0 && stops(events[c.mark - 1]!) ? undefined : { ...c, next: c.mark, installed: new Map(c.marked) };
  }
  if (!c) c = { next: 0, installed: new Map(), mark: 0, marked: new Map() };
  byPredicate.set(predicate, c);
  for (; c.next < events.length; c.next++) {
    const e = events[c.next]!;
    if (stops(e)) break;
    if (c.next === 0 || events[c.next - 1]!.inst !== e.inst) {
      c.mark = c.next;
      c.marked = new Map(c.installed);
    }
    const { ins, rem } = e;
    if (ins) {
      for (const p of ins.packages) if (p.name && predicate(p.name)) c.installed.set(p.name, ins.virtual);
      continue;
    }
    if (rem) {
      for (const [name, virtual] of [...c.installed]) {
        if (rem.auto || rem.names.includes(name) || (virtual !== null && rem.names.includes(virtual))) c.installed.delete(name);
      }
    }
  }
  return [...c.installed.keys()];
}

type PackageEvent = ReturnType<typeof packageEvents>[number];

/** Where the last query of a stage chain stopped, per predicate, and the state at the start of that instruction. */
interface ToolchainCursor {
  next: number;
  installed: Map<string, string | null>;
  mark: number;
  marked: Map<string, string | null>;
}

const cursors = new WeakMap<Stage, Map<(name: string) => boolean, ToolchainCursor>>();

/** Whether a C compiler is there when `cmd` runs: from the image (per the catalog) or installed. Null when unknown. */
export function cCompilerPresent(stage: Stage, cmd: ShellCommand, inst: Inst): boolean | null {
  if (installedToolchain(stage, inst, cmd.start, isCCompilerPackage).length > 0) return true;
  const facts = stageImageFacts(stage);
  if (!facts) return null;
  if (facts.family === 'golang') return facts.variant !== 'alpine';
  if (facts.isToolchain && ['gcc', 'buildpack-deps', 'node', 'python', 'ruby', 'rust'].includes(facts.family)) return true;
  if (facts.kind === 'official' && ['debian', 'alpine', 'ubuntu', 'busybox'].includes(facts.family)) return false;
  return null;
}

/* ------------------------------------------------------------------------------------------------ */
/* Programs built, for libc checks                                                                   */
/* ------------------------------------------------------------------------------------------------ */

export type Linking = 'static' | 'dynamic' | 'unknown';

export interface Artifact {
  kind: 'go' | 'c' | 'rust';
  inst: RunInst;
  cmd: ShellCommand;
  label: string;
  /** Directory the program is written to, absolute, or null when unknown. */
  dir: string | null;
  /** File name of the program, or null when unknown. */
  name: string | null;
  linking: Linking;
  /** Why it is dynamic, for messages (e.g. `cgo is on by default in golang:1.25`). */
  reason: string;
  /** Cgo was asked for explicitly (`CGO_ENABLED=1`): the fix must not turn it off. */
  explicit: boolean;
}

/** The programs the stage chain of `stage` builds with `go build`/`go install`, a C compiler or cargo. */
export function artifactsOf(stage: Stage): Artifact[] {
  const out: Artifact[] = [];
  for (const r of runsOf(stageChain(stage))) {
    if (r.onbuild) continue;
    const script = r.run.script;
    if (!script) continue;
    for (const cmd of script.commands) {
      if (cmd.nested || !cmd.name || !cmd.nameWord) continue;
      const a = cmd.name === 'go' ? goArtifact(r, cmd) : cmd.name === 'cargo' ? rustArtifact(r, cmd) : C_COMPILER.test(cmd.name) ? cArtifact(r, cmd) : null;
      if (a) out.push(a);
    }
  }
  return out;
}

/** The working directory a command runs in: WORKDIR, changed by earlier `cd` commands of the same RUN. */
function cwdOf(inst: RunInst, cmd: ShellCommand): string | null {
  let dir = workdirAt(inst.stage!, inst).dir;
  for (const c of inst.run.script?.commands ?? []) {
    if (c.start >= cmd.start) break;
    if (c.name === 'cd' || c.name === 'pushd') {
      const target = c.args.find((a) => a.value === null || !a.value.startsWith('-'));
      if (!target || target.value === null) return null;
      dir = target.value.startsWith('/') ? joinPath('/', target.value) : dir === null ? null : joinPath(dir, target.value);
    }
  }
  return dir;
}

function resolvePath(cwd: string | null, p: string): string | null {
  if (p.includes('$') || p.startsWith('~')) return null;
  if (p.startsWith('/')) return joinPath('/', p);
  return cwd === null ? null : joinPath(cwd, p);
}

/** Environment a command sees: ENV and ARG defaults of the chain, overridden by its own assignments. */
function envFor(inst: RunInst, cmd: ShellCommand): Map<string, string | null> {
  const env = new Map<string, string | null>();
  for (const [k, v] of stageArgDefaults(inst)) env.set(k, v);
  for (const [k, v] of envAt(inst)) env.set(k, v);
  for (const a of cmd.assignments) env.set(a.name, a.value);
  return env;
}

/** `name=value` exported earlier in the same script (`export X=1`), or mentioned in some other way (`?`). */
function scriptSetting(inst: RunInst, cmd: ShellCommand, name: string): string | null | undefined {
  let result: string | null | undefined;
  for (const c of inst.run.script?.commands ?? []) {
    if (c.start >= cmd.start) break;
    if (c.name === 'export' || c.name === 'declare' || c.name === 'typeset') {
      for (const a of c.args) {
        if (a.value?.startsWith(`${name}=`)) result = a.value.slice(name.length + 1);
        else if (a.text.includes(name)) result = null;
      }
    }
  }
  return result;
}

/** `go env -w NAME=value` in the chain before `cmd`. */
function goEnvWritten(stage: Stage, inst: RunInst, cmd: ShellCommand, name: string): string | undefined {
  let result: string | undefined;
  for (const { inst: r, cmd: c } of commandsBefore(stage, inst)) {
    if (r === inst && c.start >= cmd.start) break;
    if (c.name !== 'go' || c.args[0]?.value !== 'env' || !c.args.some((a) => a.value === '-w')) continue;
    for (const a of c.args) if (a.value?.startsWith(`${name}=`)) result = a.value.slice(name.length + 1);
  }
  return result;
}

const GO_FLAGS_WITH_VALUE = new Set([
  '-o', '-p', '-C', '-ldflags', '-gcflags', '-asmflags', '-gccgoflags', '-tags', '-mod', '-modfile', '-buildmode',
  '-compiler', '-installsuffix', '-overlay', '-pkgdir', '-pgo', '-toolexec', '-coverpkg', '-covermode', '-exec', '-buildvcs',
]);

function goArtifact(inst: RunInst, cmd: ShellCommand): Artifact | null {
  const sub = subcommand(cmd);
  const mode = sub?.word.value;
  if (mode !== 'build' && mode !== 'install') return null;
  const stage = inst.stage!;
  const args = cmd.args.slice(sub!.index + 1);
  const operandsList: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === null) return null;
    if (v.startsWith('-')) {
      const flag = v.replace(/^--/, '-').split('=')[0]!;
      if (!v.includes('=') && GO_FLAGS_WITH_VALUE.has(flag)) i++;
      continue;
    }
    operandsList.push(v);
  }
  const env = envFor(inst, cmd);
  let cwd = cwdOf(inst, cmd);
  const dirFlag = optionValues({ ...cmd, args }, ['-C'])[0];
  if (dirFlag !== undefined) cwd = resolvePath(cwd, dirFlag);

  // Output.
  let dir: string | null = null;
  let name: string | null = null;
  const first = operandsList[0];
  if (operandsList.some((o) => o.includes('...'))) return null;
  if (first === undefined || first === '.') name = null;
  else if (first.endsWith('.go')) name = first.slice(first.lastIndexOf('/') + 1, -3);
  else if (operandsList.length === 1) name = first.replace(/@.*$/, '').replace(/\/+$/, '').split('/').pop() || null;
  else if (mode === 'build') return null; // several packages without -o: the results are discarded
  if (mode === 'build') {
    const o = optionValues({ ...cmd, args }, ['-o', '--o'])[0];
    if (o !== undefined) {
      const resolved = resolvePath(cwd, o);
      if (o.endsWith('/')) dir = resolved;
      else if (resolved !== null) {
        dir = resolved.slice(0, resolved.lastIndexOf('/')) || '/';
        name = resolved.slice(resolved.lastIndexOf('/') + 1);
      } else {
        name = o.includes('$') ? null : o.slice(o.lastIndexOf('/') + 1);
      }
    } else {
      dir = cwd;
    }
  } else {
    const gobin = env.get('GOBIN');
    const gopath = env.get('GOPATH');
    const facts = stageImageFacts(stage);
    if (gobin) dir = resolvePath('/', gobin);
    else if (gopath) dir = resolvePath('/', `${gopath.split(':')[0]}/bin`);
    else if (facts?.family === 'golang') dir = '/go/bin';
    else dir = null;
    if (first === undefined || first === '.') name = null;
  }

  const label = `go ${mode}`;
  const base: Omit<Artifact, 'linking' | 'reason' | 'explicit'> = { kind: 'go', inst, cmd, label, dir, name };
  const cgo = cmd.assignments.find((a) => a.name === 'CGO_ENABLED')?.value ?? scriptSetting(inst, cmd, 'CGO_ENABLED') ?? goEnvWritten(stage, inst, cmd, 'CGO_ENABLED') ?? env.get('CGO_ENABLED');
  const ldflags = rawOptionText(args, ['-ldflags', '--ldflags']);
  const tags = optionValues({ ...cmd, args }, ['-tags', '--tags']).join(',').split(/[\s,]+/);
  if (cgo === '0') return { ...base, linking: 'static', reason: '', explicit: false };
  if (/(?:^|[\s'"=])-static\b/.test(ldflags)) return { ...base, linking: 'static', reason: '', explicit: false };
  if (tags.includes('netgo') && tags.includes('osusergo')) return { ...base, linking: 'static', reason: '', explicit: false };
  if (cgo === '1') return { ...base, linking: 'dynamic', reason: 'with `CGO_ENABLED=1`', explicit: true };
  if (cgo !== undefined) return { ...base, linking: 'unknown', reason: '', explicit: false };
  // Cross-compiling turns cgo off by default; the build host is taken to be linux/amd64.
  const goos = env.get('GOOS');
  const goarch = env.get('GOARCH');
  if ((goos !== undefined && goos !== 'linux') || (goarch !== undefined && goarch !== 'amd64')) return { ...base, linking: 'unknown', reason: '', explicit: false };
  const compiler = cCompilerPresent(stage, cmd, inst);
  if (compiler === false && oldAlpineGoLinksMusl(stage)) {
    return { ...base, linking: 'dynamic', reason: 'with cgo on (the default before Go 1.20, whose `net` package comes precompiled with cgo even without a C compiler)', explicit: false };
  }
  if (compiler === false) return { ...base, linking: 'static', reason: '', explicit: false };
  if (compiler === null) return { ...base, linking: 'unknown', reason: '', explicit: false };
  return { ...base, linking: 'dynamic', reason: 'with cgo on (the default where a C compiler is installed)', explicit: false };
}

/** Text of an option's values, as written when they contain expansions (`-ldflags "-X v=$(git …) -extldflags -static"`). */
function rawOptionText(args: readonly ShellWord[], names: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.value ?? args[i]!.text;
    for (const n of names) {
      if (t === n && args[i + 1]) out.push(args[i + 1]!.value ?? args[i + 1]!.text);
      else if (t.startsWith(`${n}=`)) out.push(t.slice(n.length + 1));
    }
  }
  return out.join(' ');
}

function cArtifact(inst: RunInst, cmd: ShellCommand): Artifact | null {
  const vals = cmd.args.map((a) => a.value);
  if (vals.some((v) => v === '-c' || v === '-S' || v === '-E' || v === '-M' || v === '-MM' || v === '-shared' || v === '--version' || v === '-v' || v === '-dumpmachine')) return null;
  if (!vals.some((v) => v !== null && C_SOURCE.test(v))) return null;
  const cwd = cwdOf(inst, cmd);
  const o = optionValues(cmd, ['-o'])[0] ?? 'a.out';
  const resolved = resolvePath(cwd, o);
  const dir = resolved === null ? null : resolved.slice(0, resolved.lastIndexOf('/')) || '/';
  const name = resolved === null ? (o.includes('$') ? null : o.slice(o.lastIndexOf('/') + 1)) : resolved.slice(resolved.lastIndexOf('/') + 1);
  const isStatic = vals.some((v) => v === '-static' || v === '--static' || v === '-static-pie' || (v !== null && /^-Wl,.*-static\b/.test(v)));
  return {
    kind: 'c',
    inst,
    cmd,
    label: cmd.name!,
    dir,
    name,
    linking: isStatic ? 'static' : 'dynamic',
    reason: 'without `-static`',
    explicit: false,
  };
}

const CARGO_FLAGS_WITH_VALUE = new Set(['--target', '--target-dir', '--profile', '--bin', '--example', '-p', '--package', '--features', '-F', '--manifest-path', '-j', '--jobs', '--root', '--path', '--version', '--config', '--color', '--message-format', '--exclude', '-Z']);

function rustArtifact(inst: RunInst, cmd: ShellCommand): Artifact | null {
  const sub = subcommand(cmd);
  const mode = sub?.word.value;
  if (mode !== 'build' && mode !== 'install') return null;
  const stage = inst.stage!;
  const args = cmd.args.slice(sub!.index + 1);
  const env = envFor(inst, cmd);
  const one = (names: string[]): string | undefined => optionValues({ ...cmd, args }, names)[0];
  const target = one(['--target']) ?? env.get('CARGO_BUILD_TARGET') ?? undefined;
  const rustflags = `${env.get('RUSTFLAGS') ?? ''} ${env.get('CARGO_ENCODED_RUSTFLAGS') ?? ''}`;
  const facts = stageImageFacts(stage);
  const label = `cargo ${mode}`;
  let dir: string | null = null;
  let name: string | null = one(['--bin']) ?? null;
  const cwd = cwdOf(inst, cmd);
  if (mode === 'build') {
    const targetDirRaw = one(['--target-dir']) ?? env.get('CARGO_TARGET_DIR') ?? 'target';
    const targetDir = targetDirRaw === null ? null : resolvePath(cwd, targetDirRaw);
    const profileFlag = one(['--profile']);
    const release = args.some((a) => a.value === '--release' || a.value === '-r');
    const profile = profileFlag ? (profileFlag === 'dev' || profileFlag === 'test' ? 'debug' : profileFlag) : release ? 'release' : 'debug';
    dir = targetDir === null ? null : target && !target.includes('$') ? `${targetDir}/${target}/${profile}` : target ? null : `${targetDir}/${profile}`;
  } else {
    const root = one(['--root']) ?? env.get('CARGO_INSTALL_ROOT') ?? env.get('CARGO_HOME') ?? (facts?.family === 'rust' ? '/usr/local/cargo' : null);
    dir = root ? resolvePath('/', `${root}/bin`) : null;
    const crate = args.find((a, i) => a.value !== null && !a.value.startsWith('-') && !CARGO_FLAGS_WITH_VALUE.has(args[i - 1]?.value ?? ''));
    if (!name && crate?.value) name = crate.value.replace(/@.*$/, '');
  }
  const base = { kind: 'rust' as const, inst, cmd, label, dir, name, explicit: false };
  if (target?.includes('$')) return { ...base, linking: 'unknown', reason: '' };
  if (/\+crt-static/.test(rustflags)) return { ...base, linking: 'static', reason: '' };
  if (target !== undefined && target !== null) {
    if (target.includes('musl')) return /-crt-static/.test(rustflags) ? { ...base, linking: 'dynamic', reason: 'with `-crt-static`' } : { ...base, linking: 'static', reason: '' };
    return target.includes('linux-gnu') ? { ...base, linking: 'dynamic', reason: `for \`${target}\`` } : { ...base, linking: 'unknown', reason: '' };
  }
  // Without --target the program is built for the host: static on musl hosts (Alpine), glibc-linked elsewhere.
  if (facts?.libc === 'musl') return { ...base, linking: 'static', reason: '' };
  if (facts?.libc === 'glibc') return { ...base, linking: 'dynamic', reason: 'for the host target (glibc), not a musl target' };
  return { ...base, linking: 'unknown', reason: '' };
}

/* ------------------------------------------------------------------------------------------------ */
/* Matching copied paths to build outputs                                                            */
/* ------------------------------------------------------------------------------------------------ */

/** A `COPY --from` source, absolute as BuildKit reads it (relative sources start at the stage's `/`). */
export function copySourcePath(value: string): string | null {
  if (value.includes('$')) return null;
  const trimmed = value.replace(/\/+$/, '');
  return trimmed === '' || trimmed === '.' ? '/' : joinPath('/', trimmed);
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const ch of glob) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * How a copied path relates to a build output: `exact` when it is the program or a directory holding it,
 * `none` when it cannot be, `maybe` when the output is only partly known and the path could be it.
 */
export function matchArtifact(a: Artifact, source: string): 'exact' | 'none' | 'maybe' {
  const hasGlob = /[*?[]/.test(source);
  const re = hasGlob ? globToRegExp(source) : null;
  // Copying the whole root brings the stage's C library along: the program finds what it needs.
  if (source === '/') return 'none';
  const isOrHolds = (full: string): boolean => (re ? re.test(full) || re.test(full.slice(0, full.lastIndexOf('/')) || '/') : full === source || full.startsWith(`${source}/`));
  if (a.dir !== null && a.name !== null) return isOrHolds(`${a.dir === '/' ? '' : a.dir}/${a.name}`) ? 'exact' : 'none';
  if (a.kind === 'rust' && /(?:^|\/)target\/(?:release|debug)\/[^/]+$/.test(source)) {
    return a.name === null || source.endsWith(`/${a.name}`) ? 'exact' : 'none';
  }
  const base = source.slice(source.lastIndexOf('/') + 1);
  if (a.name !== null) {
    if (re ? globToRegExp(base).test(a.name) : base === a.name) return a.dir === null ? 'exact' : 'none';
    return 'none';
  }
  if (a.dir !== null) {
    // The directory the program is written to, or one above it: the program is in what is copied.
    if (source === a.dir || a.dir.startsWith(`${source}/`)) return 'exact';
    const parent = source.slice(0, source.lastIndexOf('/')) || '/';
    return parent === a.dir ? 'maybe' : 'none';
  }
  return looksLikeData(source) ? 'none' : 'maybe';
}

/** Paths that hold data rather than a program (certificates, zone info, configuration, web assets). */
export function looksLikeData(path: string): boolean {
  if (/^\/(?:etc|usr\/share|usr\/include|var)(?:\/|$)/.test(path)) return true;
  if (/\/(?:static|public|assets|templates|config|configs|migrations|node_modules|dist|www|html|docs?)(?:\/|$)/.test(path)) return true;
  return /\.(?:crt|pem|json|ya?ml|toml|conf|ini|env|html?|css|m?js|map|txt|md|sql|xml|png|jpe?g|svg|ico|gif|woff2?|ttf|jar|war|py|rb|php|so(?:\.\d+)*)$/.test(path);
}
