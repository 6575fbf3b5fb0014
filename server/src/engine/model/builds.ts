/**
 * What RUN instructions build: compile steps (for build-in-final-stage, large-base-image), and toolchain
 * installs and removals. The programs compiled, with their output path and linking, are in `artifacts.ts`.
 */
import { findOption, optionValues, subcommand } from './commands.js';
import { chainOf } from './chain.js';
import { isCrossToolchainPackage } from './crossToolchain.js';
import { PIP_ALL_OPTIONS_WITH_VALUE, PIP_OPTIONS_WITH_VALUE, pipCommand, pipInstallWord } from './pip.js';
import { runsOf, type Inst, type Stage } from './model.js';
import { packageManagerNamed, type PackageManager } from './packageManagers.js';
import { cached, KeyedCache } from '../memo.js';
import { installsPackages, packageCall, packageOperands, removesPackages } from './packages.js';
import type { ShellCommand, ShellWord } from './shell.js';
import { stageImageFacts } from './stageFacts.js';

import type { RunInst } from './runs.js';

export type BuildKind = 'go' | 'c' | 'make' | 'rust' | 'maven' | 'gradle' | 'javac' | 'node' | 'dotnet' | 'pip';

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

export const C_COMPILER = /^(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+)(?:-\d+(?:\.\d+)*)?$/;
export const C_SOURCE = /\.(?:c|cc|cpp|cxx|c\+\+|C|o|a|s|S)$/;
const MAVEN_PHASES = new Set(['package', 'install', 'verify', 'deploy']);
const GRADLE_TASKS = new Set(['build', 'assemble', 'bootJar', 'bootWar', 'jar', 'war', 'shadowJar', 'installDist', 'distTar', 'distZip']);

/** The compile step a command is, or null. */
export function compileStep(inst: RunInst, cmd: ShellCommand): CompileStep | null {
  const name = cmd.name;
  const nameWord = cmd.nameWord;
  if (!nameWord) return null;
  const step = (kind: BuildKind, end: ShellWord, label: string): CompileStep => ({ kind, inst, cmd, start: nameWord.start, end: end.end, label });
  // pip as `pip3 …`, `python3 -m pip …`, `python${VERSION} -m pip …`, `"$PYTHON" -m pip …`: model/pip.ts decides.
  const pip = pipCommand(cmd);
  if (pip) return pipBuild(inst, pip, pip === cmd, step);
  if (!name) return null;
  const vals = cmd.args.map((a) => a.value);
  const sub = subcommand(cmd);
  switch (name) {
    case 'go':
      if (sub?.word.value === 'build') return step('go', sub.word, 'go build');
      // `go install` of the project (`go install`, `go install ./...`, GOPATH-era import paths); not a tool at a version (`…@latest`).
      if (sub?.word.value === 'install' && !cmd.args.slice(sub.index + 1).some((a) => a.value === null || a.value.includes('@'))) return step('go', sub.word, 'go install');
      return null;
    case 'cargo':
      if (sub?.word.value === 'build') return step('rust', sub.word, 'cargo build');
      // `cargo install --path .` builds the project; `cargo install ripgrep` installs a tool from crates.io.
      if (sub?.word.value === 'install' && findOption(cmd, ['--path']) !== null) return step('rust', sub.word, 'cargo install');
      return null;
    case 'javac':
      // Sources named, from an argument file (`@sources.txt`) or from a substitution (`$(find src -name '*.java')`).
      return vals.some((v) => v === null || /\.java$/.test(v) || v.startsWith('@')) ? step('javac', nameWord, 'javac') : null;
    case 'tsc':
      return typescriptBuild(vals) ? step('node', nameWord, 'tsc') : null;
    case 'npx': {
      // `npx tsc`, `npx --yes tsc -p .`
      const i = vals.findIndex((v) => v === null || !v.startsWith('-'));
      const tool = cmd.args[i];
      return tool?.value === 'tsc' && typescriptBuild(vals.slice(i + 1)) ? step('node', tool, 'npx tsc') : null;
    }
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
  if (C_COMPILER.test(name)) {
    // Only real compilations: `gcc --version` or `cc -dumpmachine` are not.
    if (!vals.some((v) => v !== null && (C_SOURCE.test(v) || v === '-o' || (v.startsWith('-o') && v.length > 2)))) return null;
    return step('c', nameWord, name);
  }
  return null;
}

/** `tsc` compiles unless it only prints something or writes a config (`--version`, `--help`, `--init`, `--showConfig`). */
function typescriptBuild(args: readonly (string | null)[]): boolean {
  return !args.some((v) => v !== null && /^(?:-v|--version|-h|--help|--all|--init|--showConfig|--listFilesOnly)$/.test(v));
}

/**
 * The compile step of a pip command (`pip`, the view `pipCommand` returns; `direct` when the command is pip
 * itself rather than `python -m pip`): `pip wheel` builds wheels; `pip install` builds when a C compiler was
 * installed for it.
 */
function pipBuild(inst: RunInst, pip: ShellCommand, direct: boolean, step: (kind: BuildKind, end: ShellWord, label: string) => CompileStep): CompileStep | null {
  const sub = subcommand(pip, PIP_OPTIONS_WITH_VALUE);
  if (sub?.word.value !== 'wheel' && sub?.word.value !== 'install') return null;
  if (sub.word.value === 'install' && !pipCompilesWithInstalledCompiler(inst, pip, sub.index)) return null;
  // The word as written, without the quotes around it (`"$PYTHON"` reads `$PYTHON -m pip install`).
  const program = pip.name ?? pip.nameWord!.text.replace(/^"(.*)"$/, '$1');
  return step('pip', sub.word, `${program}${direct ? '' : ' -m pip'} ${sub.word.value}`);
}

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
    if (!v.includes('=') && PIP_ALL_OPTIONS_WITH_VALUE.has(option)) i++;
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

/** Shared (read once per command): never change it. */
export interface Install {
  readonly cmd: ShellCommand;
  readonly manager: PackageManager;
  /** Package words (version pins stripped from `value`). */
  readonly packages: readonly { readonly word: ShellWord; readonly name: string | null }[];
  /** apk `--virtual NAME` / `-t NAME`. */
  readonly virtual: string | null;
}

/** An install command (`apt-get install`, `apk add`, `dnf install`…) with its package names, or null. */
export function installOf(cmd: ShellCommand): Install | null {
  // Several rules and the apt estimates ask about the same commands in one lint: each is read once.
  return packageManagerNamed(cmd.name) ? cached(installOfCommand, cmd, readInstall) : null;
}

const installOfCommand = new KeyedCache<ShellCommand, Install | null>();

function readInstall(cmd: ShellCommand): Install | null {
  const call = packageCall(cmd);
  if (!call || !installsPackages(call)) return null;
  const packages = packageOperands(call).map((word) => ({
    word,
    name: word.value === null ? null : word.value.replace(/(?:[=<>~]|:[a-z0-9]+$).*$/, '').replace(/:[a-z0-9]+$/, ''),
  }));
  const virtual = call.manager === 'apk' ? (optionValues(cmd, ['-t', '--virtual']).pop() ?? null) : null;
  return { cmd, manager: call.manager, packages, virtual };
}

/** A removal command (`apk del`, `apt-get purge`…): the names it removes and whether it auto-removes. */
export function removalOf(cmd: ShellCommand): { names: string[]; auto: boolean } | null {
  const call = packageCall(cmd);
  if (!call || !removesPackages(call)) return null;
  const names = packageOperands(call).flatMap((w) => (w.value === null ? [] : [w.value]));
  const auto = call.action === 'autoremove' || findOption(cmd, ['--auto-remove', '--autoremove']) !== null;
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
export function commandsBefore(stage: Stage, inst: Inst | null): { inst: RunInst; cmd: ShellCommand }[] {
  const out: { inst: RunInst; cmd: ShellCommand }[] = [];
  for (const r of runsOf(chainOf(stage))) {
    if (r.onbuild) continue;
    if (inst && r.stage === inst.stage && r.start > inst.start) break;
    for (const cmd of r.run.script?.commands ?? []) out.push({ inst: r, cmd });
  }
  return out;
}

const eventsCache = new KeyedCache<Stage, { inst: RunInst; cmd: ShellCommand; ins: Install | null; rem: { names: string[]; auto: boolean } | null }[]>();

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

const cursors = new KeyedCache<Stage, Map<(name: string) => boolean, ToolchainCursor>>();

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

/** Subcommands of JavaScript package managers that install into or build the project in the working directory. */
const JS_PROJECT_SUBS = new Set(['install', 'i', 'ci', 'add', 'run', 'run-script', 'build', 'exec', 'rebuild', 'prune']);
const PROJECT_TOOLS = new Set(['make', 'gmake', 'ninja', 'mvn', 'mvnw', 'gradle', 'gradlew', 'npx']);

/**
 * A command that writes files the model does not list into its working directory: a JavaScript package manager
 * installing or running a script (`npm install`, `yarn`, `pnpm run build`), a build tool (`make`, `mvn`,
 * `./gradlew`, `npx …`), a project install (`pip install -e .`, `python -m pip install .`, `uv sync`, `composer install`, `go build`, `cargo build`).
 * What they write (node_modules, dist/, target/…) depends on the project, not on the Dockerfile.
 */
export function writesInWorkdir(cmd: ShellCommand): boolean {
  const name = cmd.name;
  if (cmd.nested) return false;
  const pip = pipCommand(cmd);
  if (pip) return pipInstallWord(pip) !== null && installsLocalProject(pip);
  if (!name) return false;
  if (PROJECT_TOOLS.has(name)) return true;
  const first = cmd.args.find((a) => !(a.value ?? '').startsWith('-'))?.value ?? null;
  if (name === 'npm' || name === 'pnpm') return first !== null && JS_PROJECT_SUBS.has(first) && !cmd.args.some((a) => a.value === '-g' || a.value === '--global');
  if (name === 'yarn') return first === null || JS_PROJECT_SUBS.has(first) || !['cache', 'config', 'global', 'info', 'why'].includes(first);
  if (name === 'uv') return first === 'sync' || first === 'build' || (first === 'pip' && installsLocalProject(cmd));
  if (name === 'composer') return first === 'install' || first === 'update' || first === 'require';
  if (name === 'go' || name === 'cargo' || name === 'dotnet') return first === 'build' || first === 'generate' || first === 'publish' || first === 'install';
  return false;
}

/** `pip install .`, `-e .`, `".[extra]"`, `./pkg`: pip (21.3 and later) and uv build a local project in its own folder. */
function installsLocalProject(cmd: ShellCommand): boolean {
  return cmd.args.some((a) => a.value === '-e' || a.value === '--editable' || /^\.(?:$|\/|\[)/.test(a.value ?? ''));
}
