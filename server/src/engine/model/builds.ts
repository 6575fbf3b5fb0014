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
import { isCCompilerPackage, runShapes, runTools } from './runBuildRead.js';
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
  if (at >= 0) return stepsOf(inst)[at] ?? null;
  const shape = shapeOf(cmd);
  return shape && placed(inst, cmd, shape);
}

/** Every compile step of the given RUN instructions, in document order. */
export function compileSteps(insts: readonly RunInst[]): CompileStep[] {
  const out: CompileStep[] = [];
  for (const inst of insts) for (const s of stepsOf(inst)) if (s) out.push(s);
  return out;
}

/**
 * What each command of a RUN builds native code with, by index (a label for messages, or null; the array may end
 * before the last commands that build nothing): a compile step (`make`, `go build`, a `pip install` after a
 * compiler install…), a build tool run by name (`gcc`, `cmake`, `./configure`…) or a package install that may
 * compile native extensions (`npm ci`, `gem install`, `pecl install`…). Shared: never change it.
 */
export function buildUses(inst: RunInst): readonly (string | null)[] {
  if (!inst.stage) return readUses(inst, readSteps(inst));
  const k = indexIn(stageSteps(inst.stage).runs, inst);
  return k >= 0 ? stageUses(inst.stage).uses[k]! : readUses(inst, readSteps(inst));
}

/** The RUNs of a stage (ONBUILD triggers included) with a command that builds native code (`buildUses`), in document order. */
export function nativeBuilds(stage: Stage): readonly RunInst[] {
  return stageUses(stage).native;
}

const NONE: readonly never[] = [];

/** A stage's RUNs (ONBUILD triggers included, in document order) and their compile steps: one pass per stage and lint. */
interface StageSteps {
  runs: readonly RunInst[];
  steps: readonly (readonly (CompileStep | null)[])[];
}

function stageSteps(stage: Stage): StageSteps {
  return cached(stepsOfStage, stage, readStageSteps);
}
const stepsOfStage = new KeyedCache<Stage, StageSteps>();

function readStageSteps(stage: Stage): StageSteps {
  const runs = runsOf([stage]);
  return { runs, steps: runs.map(readSteps) };
}

/** The RUNs that start where `inst` does among `runs` (in document order): its index, or -1. */
function indexIn(runs: readonly RunInst[], inst: RunInst): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid]!.start < inst.start) lo = mid + 1;
    else hi = mid;
  }
  return runs[lo] === inst ? lo : -1;
}

function stepsOf(inst: RunInst): readonly (CompileStep | null)[] {
  if (!inst.stage) return readSteps(inst);
  const { runs, steps } = stageSteps(inst.stage);
  const k = indexIn(runs, inst);
  return k >= 0 ? steps[k]! : readSteps(inst);
}

function readSteps(inst: RunInst): readonly (CompileStep | null)[] {
  const shapes = runShapes(inst.run);
  if (!shapes) return NONE;
  const commands = inst.run.script?.commands ?? [];
  return shapes.map((shape, i) => shape && placed(inst, commands[i]!, shape));
}

/** A stage's build uses per RUN (as `StageSteps.runs`), and the RUNs with one: asked only when a kept build package is reported. */
interface StageUses {
  uses: readonly (readonly (string | null)[])[];
  native: readonly RunInst[];
}

function stageUses(stage: Stage): StageUses {
  return cached(usesOfStage, stage, readStageUses);
}
const usesOfStage = new KeyedCache<Stage, StageUses>();

function readStageUses(stage: Stage): StageUses {
  const { runs, steps } = stageSteps(stage);
  const uses: (readonly (string | null)[])[] = [];
  const native: RunInst[] = [];
  for (let k = 0; k < runs.length; k++) {
    const u = readUses(runs[k]!, steps[k]!);
    uses.push(u);
    if (u.some((x) => x !== null)) native.push(runs[k]!);
  }
  return { uses, native };
}

function readUses(inst: RunInst, steps: readonly (CompileStep | null)[]): readonly (string | null)[] {
  const tools = runTools(inst.run);
  if (!tools) return steps.length === 0 ? NONE : steps.map((s) => s?.label ?? null);
  return tools.map((tool, i) => steps[i]?.label ?? tool);
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
