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

/**
 * What the model knows of one read of a RUN (`runRead`), by key: one object per read, on one slot of it, so that
 * the facts of every RUN sit in objects of one shape whatever rules asked what (a slot per fact would give each
 * RUN's key object a shape of its own, in the order its facts were asked for).
 */
const factsOfRun = new KeyedCache<object, unknown[]>();
/** Each key's place in a RUN's facts. */
const factIndex = new Map<object, number>();
const newFacts = (): unknown[] => [];

/**
 * A fact of a RUN that reads its script, mounts and text only (offsets only against each other): computed once
 * per read of the RUN (`runRead`) and `key`, a module-level constant (a function, a pattern), so that after an
 * edit the RUNs it only moved are not read again. `compute` never answers `undefined`.
 */
export function perRun<V>(run: RunInfo, key: object, compute: () => V): V {
  const facts = cached(factsOfRun, runRead(run), newFacts);
  let i = factIndex.get(key);
  if (i === undefined) factIndex.set(key, (i = factIndex.size));
  let value = facts[i] as V | undefined;
  if (value === undefined) {
    value = compute();
    while (facts.length < i) facts.push(undefined);
    facts[i] = value;
  }
  return value;
}

/** A question about one command that reads its words only (never its offsets): a module-level constant. */
export type CommandTest = (cmd: ShellCommand) => unknown;

const NONE: readonly number[] = Object.freeze([]);

/**
 * The indices, in the RUN's `script.commands`, of the commands for which `test` is truthy, kept per read of the
 * RUN and test (`perRun`): after an edit, a rule that asks this of every RUN reads the commands of the edited RUN
 * only, not those of every RUN the edit moved. `test` must be a module-level constant that reads the command's
 * words only.
 */
export function commandsWhere(run: RunInfo, test: CommandTest): readonly number[] {
  return perRun(run, test, () => {
    const commands = run.script?.commands;
    if (!commands) return NONE;
    let out: number[] | null = null;
    for (let k = 0; k < commands.length; k++) if (test(commands[k]!)) (out ??= []).push(k);
    return out ?? NONE;
  });
}

/**
 * Whether `pattern` (a module-level constant without the `g` or `y` flag) matches the RUN instruction's text, from
 * its keyword to its end, kept per read of the RUN (its text is the same) and pattern (`perRun`).
 */
export function runTextMatches(model: DockerfileModel, inst: RunInst, pattern: RegExp): boolean {
  return perRun(inst.run, pattern, () => pattern.test(model.text.slice(inst.start, inst.end)));
}
