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
