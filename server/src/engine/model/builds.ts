/**
 * What RUN instructions build: compile steps (for build-in-final-stage, large-base-image, the split) and what
 * each command builds native code with (build-dependencies-kept), placed in one pass per stage from what each
 * RUN's own words say (`runBuildRead.ts`, kept per read of the RUN); the toolchain installed before a command is
 * `toolchain.ts`'s. The programs compiled, with their output path and linking, are in `artifacts.ts`.
 */
import { chainOf } from './chain.js';
import { shapeOf, type BuildKind, type StepShape } from './compileShapes.js';
import { pipCommand, pipInstallWord } from './pip.js';
import { runsOf, type Inst, type Stage } from './model.js';
import { cached, KeyedCache } from '../memo.js';
import type { ShellCommand } from './shell.js';
import { stageImageFacts } from './stageFacts.js';
import type { RunInst } from './runs.js';
import { isCCompilerPackage, runBuildRead } from './runBuildRead.js';
import { installedToolchain } from './toolchain.js';

export { C_COMPILER, C_SOURCE, type BuildKind } from './compileShapes.js';
export { installedToolchain } from './toolchain.js';
export { installOf, removalOf, isToolchainPackage, isCCompilerPackage, type Install } from './runBuildRead.js';

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

/** The compile step a command of `inst` is, or null. */
export function compileStep(inst: RunInst, cmd: ShellCommand): CompileStep | null {
  const at = inst.run.script?.commands.indexOf(cmd) ?? -1;
  if (at >= 0) return runBuilds(inst).steps[at] ?? null;
  const shape = shapeOf(cmd);
  return shape && placed(inst, cmd, shape);
}

/** Every compile step of the given RUN instructions, in document order. */
export function compileSteps(insts: readonly RunInst[]): CompileStep[] {
  const out: CompileStep[] = [];
  for (const inst of insts) for (const s of runBuilds(inst).steps) if (s) out.push(s);
  return out;
}

/**
 * What each command of a RUN builds native code with, by index (a label for messages, or null; the array may end
 * before the last commands that build nothing): a compile step (`make`, `go build`, a `pip install` after a
 * compiler install…), a build tool run by name (`gcc`, `cmake`, `./configure`…) or a package install that may
 * compile native extensions (`npm ci`, `gem install`, `pecl install`…). Shared: never change it.
 */
export function buildUses(inst: RunInst): readonly (string | null)[] {
  return runBuilds(inst).uses;
}

/** The RUNs of a stage (ONBUILD triggers included) with a command that builds native code (`buildUses`), in document order. */
export function nativeBuilds(stage: Stage): readonly RunInst[] {
  return stageBuilds(stage).native;
}

/** A RUN's compile steps and build uses, by command. */
interface RunBuilds {
  steps: readonly (CompileStep | null)[];
  uses: readonly (string | null)[];
}
const NO_BUILDS: RunBuilds = { steps: [], uses: [] };

/** A stage's RUNs (ONBUILD triggers included, in document order) with what each builds: read in one pass per stage and lint. */
interface StageBuilds {
  runs: readonly RunInst[];
  builds: readonly RunBuilds[];
  native: readonly RunInst[];
}

function stageBuilds(stage: Stage): StageBuilds {
  return cached(buildsOfStage, stage, readStageBuilds);
}
const buildsOfStage = new KeyedCache<Stage, StageBuilds>();

function readStageBuilds(stage: Stage): StageBuilds {
  const runs = runsOf([stage]);
  const builds: RunBuilds[] = [];
  const native: RunInst[] = [];
  for (const inst of runs) {
    const b = readRunBuilds(inst);
    builds.push(b);
    if (b.uses.some((u) => u !== null)) native.push(inst);
  }
  return { runs, builds, native };
}

function runBuilds(inst: RunInst): RunBuilds {
  if (!inst.stage) return readRunBuilds(inst);
  const { runs, builds } = stageBuilds(inst.stage);
  // Runs are in document order: the one that starts where `inst` does.
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid]!.start < inst.start) lo = mid + 1;
    else hi = mid;
  }
  return runs[lo] === inst ? builds[lo]! : readRunBuilds(inst);
}

function readRunBuilds(inst: RunInst): RunBuilds {
  const own = runBuildRead(inst.run);
  if (!own.any) return NO_BUILDS;
  const commands = inst.run.script?.commands ?? [];
  const steps: (CompileStep | null)[] = [];
  const uses: (string | null)[] = [];
  for (let i = 0; i < commands.length; i++) {
    const shape = own.shapes[i]!;
    const step = shape && placed(inst, commands[i]!, shape);
    steps.push(step);
    uses.push(step?.label ?? own.tools[i]!);
  }
  return { steps, uses };
}

/** The step a shape is in its RUN; a `pip install` only after a C compiler was installed. */
function placed(inst: RunInst, cmd: ShellCommand, shape: StepShape): CompileStep | null {
  if (shape.needsCompiler && !(inst.stage && installedToolchain(inst.stage, inst, cmd.start, isCCompilerPackage).length > 0)) return null;
  return { kind: shape.kind, inst, cmd, start: cmd.start + shape.start, end: cmd.start + shape.end, label: shape.label };
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
