/**
 * What RUN instructions build: compile steps (for build-in-final-stage, large-base-image), and toolchain
 * installs and removals. The programs compiled, with their output path and linking, are in `artifacts.ts`.
 */
import { findOption, subcommand } from './commands.js';
import { chainOf } from './chain.js';
import { PIP_ALL_OPTIONS_WITH_VALUE, PIP_OPTIONS_WITH_VALUE, pipCommand, pipInstallWord } from './pip.js';
import { runsOf, type Inst, type Stage } from './model.js';
import { cached, KeyedCache } from '../memo.js';
import type { ShellCommand, ShellWord } from './shell.js';
import { stageImageFacts } from './stageFacts.js';
import { runRead, type RunInst } from './runs.js';
import { installedToolchain, isCCompilerPackage } from './toolchain.js';

export { installOf, removalOf, installedToolchain, isToolchainPackage, isCCompilerPackage, type Install } from './toolchain.js';

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

/** The compile step a command of `inst` is, or null. */
export function compileStep(inst: RunInst, cmd: ShellCommand): CompileStep | null {
  const at = inst.run.script?.commands.indexOf(cmd) ?? -1;
  if (at >= 0) return stepsOf(inst)[at]!;
  const shape = shapeOf(cmd);
  return shape && placed(inst, cmd, shape);
}

/**
 * What a command's own words say of it as a compile step: its kind, label and the words at fault (offsets from
 * the command's start). A `pip install` that may build from source is a build only when a C compiler was
 * installed before it (`needsCompiler`), which the RUNs before it decide.
 */
interface StepShape {
  readonly kind: BuildKind;
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly needsCompiler: boolean;
}

/** The compile steps of a RUN's commands (by index), asked by two rules and the split: read once per RUN and lint. Shared: never change it. */
export function stepsOf(inst: RunInst): readonly (CompileStep | null)[] {
  return cached(stepsOfRun, inst, readSteps);
}
const stepsOfRun = new KeyedCache<RunInst, readonly (CompileStep | null)[]>();

function readSteps(inst: RunInst): readonly (CompileStep | null)[] {
  const commands = inst.run.script?.commands ?? [];
  const shapes = runShapes(inst);
  const out: (CompileStep | null)[] = [];
  for (let i = 0; i < commands.length; i++) {
    const shape = shapes[i]!;
    out.push(shape && placed(inst, commands[i]!, shape));
  }
  return out;
}

/** The step shapes of a RUN's commands: position-free, so kept per read of the RUN (`runRead`) across edits. */
function runShapes(inst: RunInst): readonly (StepShape | null)[] {
  return cached(shapesOfRead, runRead(inst.run), () => (inst.run.script?.commands ?? []).map(shapeOf));
}
const shapesOfRead = new KeyedCache<object, readonly (StepShape | null)[]>();

function placed(inst: RunInst, cmd: ShellCommand, shape: StepShape): CompileStep | null {
  if (shape.needsCompiler && !(inst.stage && installedToolchain(inst.stage, inst, cmd.start, isCCompilerPackage).length > 0)) return null;
  return { kind: shape.kind, inst, cmd, start: cmd.start + shape.start, end: cmd.start + shape.end, label: shape.label };
}

/** The compile step a command is by its own words (see `StepShape`), or null. */
function shapeOf(cmd: ShellCommand): StepShape | null {
  const name = cmd.name;
  const nameWord = cmd.nameWord;
  if (!nameWord) return null;
  const step = (kind: BuildKind, end: ShellWord, label: string, needsCompiler = false): StepShape => ({ kind, start: nameWord.start - cmd.start, end: end.end - cmd.start, label, needsCompiler });
  // pip as `pip3 …`, `python3 -m pip …`, `python${VERSION} -m pip …`, `"$PYTHON" -m pip …`: model/pip.ts decides.
  const pip = pipCommand(cmd);
  if (pip) return pipBuild(pip, pip === cmd, step);
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
function pipBuild(pip: ShellCommand, direct: boolean, step: (kind: BuildKind, end: ShellWord, label: string, needsCompiler?: boolean) => StepShape): StepShape | null {
  const sub = subcommand(pip, PIP_OPTIONS_WITH_VALUE);
  if (sub?.word.value !== 'wheel' && sub?.word.value !== 'install') return null;
  if (sub.word.value === 'install' && !pipMayCompile(pip, sub.index)) return null;
  // The word as written, without the quotes around it (`"$PYTHON"` reads `$PYTHON -m pip install`).
  const program = pip.name ?? pip.nameWord!.text.replace(/^"(.*)"$/, '$1');
  return step('pip', sub.word, `${program}${direct ? '' : ' -m pip'} ${sub.word.value}`, sub.word.value === 'install');
}

/** pip's own tools: pure Python, nothing to compile. */
const PIP_TOOLS = new Set(['pip', 'setuptools', 'wheel']);

/**
 * A `pip install` (its arguments after `install` at `subIndex`) that builds when run after the stage chain
 * installed a C compiler (`gcc`, `build-essential`, `build-base`…): the compiler is there to build the C
 * extensions of packages that have no wheel for the platform, so the install is a build (`placed` asks for
 * the compiler). Not when it can only install prebuilt files: wheel files, `--only-binary :all:`, or only
 * pip's own tools. A requirements file, an editable install or a package name may build from source.
 */
function pipMayCompile(cmd: ShellCommand, subIndex: number): boolean {
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
  for (const inst of insts) for (const s of stepsOf(inst)) if (s) out.push(s);
  return out;
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
