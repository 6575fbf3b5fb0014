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
 * What the model knows of one read of a RUN (`runRead`): one array per read, on one slot of it, so that every RUN's
 * key object has one shape whatever rules asked what (a slot per fact would give each a shape of its own, in the
 * order its facts were asked for), with each fact at its key's index.
 */
const factsOfRun = new KeyedCache<object, unknown[]>();
const newFacts = (): unknown[] => [];
let factKeys = 0;

/** The key of one kind of per-RUN fact (`perRun`): made once, at module level. */
export interface RunFactKey {
  readonly index: number;
}

export function runFactKey(): RunFactKey {
  return { index: factKeys++ };
}

/**
 * A fact of a RUN that reads its script, mounts and text only (offsets only against each other): computed once
 * per read of the RUN (`runRead`) and key, so that after an edit the RUNs it only moved are not read again.
 * `compute` never answers `undefined`.
 */
export function perRun<V>(run: RunInfo, key: RunFactKey, compute: () => V): V {
  const facts = cached(factsOfRun, runRead(run), newFacts);
  const i = key.index;
  let value = facts[i] as V | undefined;
  if (value === undefined) {
    value = compute();
    while (facts.length < i) facts.push(undefined);
    facts[i] = value;
  }
  return value;
}

/** Which commands of a RUN a rule looks at: `test` reads a command's words only, never its offsets. */
export interface CommandQuery extends RunFactKey {
  readonly test: (cmd: ShellCommand) => unknown;
}

/** A query of the commands passing `test`, made once, at module level. */
export function commandQuery(test: (cmd: ShellCommand) => unknown): CommandQuery {
  return { index: factKeys++, test };
}

const NONE: readonly number[] = Object.freeze([]);

/**
 * The indices, in the RUN's `script.commands`, of the commands for which the query's test is truthy, kept per read
 * of the RUN (`perRun`): after an edit, a rule that asks this of every RUN reads the commands of the edited RUN
 * only, not those of every RUN the edit moved.
 */
export function commandsWhere(run: RunInfo, query: CommandQuery): readonly number[] {
  return perRun(run, query, () => {
    const commands = run.script?.commands;
    if (!commands) return NONE;
    let out: number[] | null = null;
    for (let k = 0; k < commands.length; k++) if (query.test(commands[k]!)) (out ??= []).push(k);
    return out ?? NONE;
  });
}

/** A pattern (without the `g` or `y` flag) to test on RUN texts, made once, at module level. */
export interface TextQuery extends RunFactKey {
  readonly pattern: RegExp;
}

export function textQuery(pattern: RegExp): TextQuery {
  return { index: factKeys++, pattern };
}

/** Whether the query's pattern matches the RUN instruction's text, from its keyword to its end, kept per read of the RUN (its text is the same). */
export function runTextMatches(model: DockerfileModel, inst: RunInst, query: TextQuery): boolean {
  return perRun(inst.run, query, () => query.pattern.test(model.text.slice(inst.start, inst.end)));
}
