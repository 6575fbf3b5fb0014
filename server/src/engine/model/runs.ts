import type { Inst, RunInfo, Stage } from './model.js';
import { KeyedCache } from '../memo.js';

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
