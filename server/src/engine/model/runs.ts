import type { DockerfileModel, Inst, RunInfo, Stage } from './model.js';
import type { ShellCommand } from './shellTypes.js';
import { cached, KeyedCache } from '../memo.js';

/** A RUN instruction, with what the model read of it. */
export type RunInst = Inst & { run: RunInfo };

/** All RUN instructions (with their parsed info) of the given stages. */
export function runsOf(stages: readonly Stage[]): readonly RunInst[] {
  if (stages.length === 1) return stageRuns(stages[0]!);
  // A loop, not `flatMap`: rules ask for the RUNs of all shipped stages, and `flatMap` was 1.6 % of a 5,000-line lint.
  const out: RunInst[] = [];
  for (const stage of stages) for (const run of stageRuns(stage)) out.push(run);
  return out;
}

// About twenty rules and facts ask for the RUNs of the same stages: each stage's are listed once per lint.
const runsOfStage = new KeyedCache<Stage, readonly RunInst[]>();

function stageRuns(stage: Stage): readonly RunInst[] {
  let runs = runsOfStage.get(stage);
  if (!runs) {
    runs = stage.instructions.filter((i): i is RunInst => i.run !== undefined);
    runsOfStage.set(stage, runs);
  }
  return runs;
}

/**
 * The identity of one read of a RUN: the same for its `RunInfo` and the copies an incremental parse moves with
 * the text (`movedRun` in incremental.ts keeps the `mounts` array), new whenever the RUN is read again (its text
 * or the SHELL in force changed: `runInfo` makes a new array). A fact of a RUN that reads only its script and
 * mounts and no offset (or only offsets relative to each other) may be kept per read in a memo (`KeyedCache`) with this
 * key: a RUN an edit did not touch, or only moved, is then not read again on the next version.
 */
export function runRead(run: RunInfo): object {
  return run.mounts;
}

/** A question about one command that reads its words only (never its offsets): a module-level constant. */
export type CommandTest = (cmd: ShellCommand) => unknown;

const NONE: readonly number[] = Object.freeze([]);
const commandsByTest = new Map<CommandTest, KeyedCache<object, readonly number[]>>();

/**
 * The indices, in the RUN's `script.commands`, of the commands for which `test` is truthy. Kept per read of the
 * RUN (`runRead`) and test: after an edit, a rule that asks this of every RUN reads the commands of the edited
 * RUN only, not those of every RUN the edit moved. `test` must be a module-level constant (its identity is the
 * key) that reads the command's words only.
 */
export function commandsWhere(run: RunInfo, test: CommandTest): readonly number[] {
  let cache = commandsByTest.get(test);
  if (!cache) commandsByTest.set(test, (cache = new KeyedCache()));
  return cached(cache, runRead(run), () => {
    const commands = run.script?.commands;
    if (!commands) return NONE;
    let out: number[] | null = null;
    for (let k = 0; k < commands.length; k++) if (test(commands[k]!)) (out ??= []).push(k);
    return out ?? NONE;
  });
}

/**
 * Whether `pattern` (a module-level constant without the `g` or `y` flag) matches the RUN instruction's text, from
 * its keyword to its end. Kept per read of the RUN (its text is the same) and pattern.
 */
export function runTextMatches(model: DockerfileModel, inst: RunInst, pattern: RegExp): boolean {
  let cache = textMatchesByPattern.get(pattern);
  if (!cache) textMatchesByPattern.set(pattern, (cache = new KeyedCache()));
  return cached(cache, runRead(inst.run), () => pattern.test(model.text.slice(inst.start, inst.end)));
}

const textMatchesByPattern = new Map<RegExp, KeyedCache<object, boolean>>();
