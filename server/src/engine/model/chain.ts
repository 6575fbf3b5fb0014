/**
 * Questions rules ask about the instructions around one instruction — "does anything earlier in this
 * stage's FROM chain set X?", "does anything later in the image need Y?" — answered from per-stage facts
 * computed once per model and test, so that asking them for every RUN stays linear in the file's length.
 *
 * A test is a plain function of one instruction (and the model), and must be a module-level constant:
 * its identity is the key of the facts kept for it. A closure made anew on each call still gets the
 * right answer, only without the saving.
 */
import { cached, KeyedCache } from '../memo.js';
import { runsOf, type DockerfileModel, type Inst, type RunInfo, type Stage } from './model.js';
import type { ShellScript } from './shellTypes.js';

export type InstTest = (inst: Inst, model: DockerfileModel) => boolean;

interface Matches {
  /** Every instruction of the stage that passes the test, in document order (ONBUILD triggers included). */
  all: Inst[];
  hasOnbuild: boolean;
}

const matchesByStage = new KeyedCache<Stage, Map<InstTest, Matches>>();

function matches(model: DockerfileModel, stage: Stage, test: InstTest): Matches {
  let byTest = matchesByStage.get(stage);
  if (!byTest) {
    byTest = new Map();
    matchesByStage.set(stage, byTest);
  }
  let m = byTest.get(test);
  if (!m) {
    const all = stage.instructions.filter((i) => test(i, model));
    m = { all, hasOnbuild: all.some((i) => i.onbuild !== null) };
    byTest.set(test, m);
  }
  return m;
}

/** The first of `sorted` (by start) that starts after `offset`, or undefined. */
function firstAfter(sorted: readonly Inst[], offset: number): Inst | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start > offset) hi = mid;
    else lo = mid + 1;
  }
  return sorted[lo];
}

/** The stage and the stages it builds FROM, the first (external image) one first. Shared (made once per stage): never change it. */
export function chainOf(stage: Stage): readonly Stage[] {
  return cached(chains, stage, readChain);
}

const chains = new KeyedCache<Stage, readonly Stage[]>();

function readChain(stage: Stage): readonly Stage[] {
  const chain: Stage[] = [];
  // A parent is always an earlier stage (model.ts finds it among the stages before), so this walk ends,
  // however long the chain.
  for (let s: Stage | null = stage; s; s = earlierParent(s)) chain.push(s);
  return chain.reverse();
}

function earlierParent(s: Stage): Stage | null {
  return s.parent && s.parent.index < s.index ? s.parent : null;
}

/** The first stage of a stage's chain (`chainOf(stage)[0]`): the one built FROM an image. */
export function rootOf(stage: Stage): Stage {
  let s = stage;
  for (let p = earlierParent(s); p; p = earlierParent(s)) s = p;
  return s;
}

/**
 * The first instruction passing `test` that runs before `inst` in its image: in the stages its stage builds
 * FROM (the first one first), then earlier in its own stage. ONBUILD triggers are instructions like the
 * others here; a test that should skip them checks `inst.onbuild`.
 */
export function firstBeforeInChain(model: DockerfileModel, inst: Inst, test: InstTest): Inst | null {
  if (!inst.stage) return null;
  for (const s of chainOf(inst.stage)) {
    const first = matches(model, s, test).all[0];
    if (s !== inst.stage) {
      if (first) return first;
    } else {
      return first && first.start < inst.start ? first : null;
    }
  }
  return null;
}

const descendantsByStage = new KeyedCache<Stage, Stage[]>();

/** The stages built FROM `stage`, directly or through others, in document order. */
export function descendantsOf(model: DockerfileModel, stage: Stage): Stage[] {
  let d = descendantsByStage.get(stage);
  if (!d) {
    d = model.stages.filter((s) => {
      if (s === stage) return false;
      for (let p: Stage | null = s.parent, guard = 0; p && guard < 1000; p = p.parent, guard++) if (p === stage) return true;
      return false;
    });
    descendantsByStage.set(stage, d);
  }
  return d;
}

/**
 * The first instruction after `inst` in its stage, or anywhere in a stage built FROM it (those stages come later
 * in the file), of lists a fact keeps per stage: `listOf(stage)` gives the stage's instructions that pass, in
 * document order.
 */
export function firstAfterInDescendants(model: DockerfileModel, inst: Inst, listOf: (stage: Stage) => readonly Inst[]): Inst | null {
  if (!inst.stage) return null;
  const later = firstAfter(listOf(inst.stage), inst.start);
  if (later) return later;
  for (const s of descendantsOf(model, inst.stage)) {
    const first = listOf(s)[0];
    if (first) return first;
  }
  return null;
}

/**
 * Whether an instruction that ends up in the same image as `inst` and runs after it passes `test`: later in
 * its stage, an ONBUILD trigger of its stage, or any instruction of a shipped stage built FROM it.
 */
export function someLaterInImage(model: DockerfileModel, inst: Inst, test: InstTest): boolean {
  if (!inst.stage) return false;
  const own = matches(model, inst.stage, test);
  if (own.hasOnbuild || firstAfter(own.all, inst.start)) return true;
  return descendantsOf(model, inst.stage).some((s) => s.ships && matches(model, s, test).all.length > 0);
}

/** Every RUN instruction (with its parsed info) of the stages that ship, ONBUILD triggers included. */
export function shippedRuns(model: DockerfileModel): readonly (Inst & { run: RunInfo })[] {
  let runs = shippedRunsOf.get(model);
  if (!runs) {
    runs = runsOf(model.stages.filter((s) => s.ships));
    shippedRunsOf.set(model, runs);
  }
  return runs;
}

const shippedRunsOf = new KeyedCache<DockerfileModel, readonly (Inst & { run: RunInfo })[]>();

/** The shipped RUNs (`shippedRuns`) whose script the model could read, each with its script. Shared: read it, never change it. */
export function shippedScripts(model: DockerfileModel): readonly { inst: Inst & { run: RunInfo }; script: ShellScript }[] {
  // Eight rules ask in one lint: listed once.
  return cached(shippedScriptsOf, model, (m) => {
    const out: { inst: Inst & { run: RunInfo }; script: ShellScript }[] = [];
    for (const inst of shippedRuns(m)) if (inst.run.script) out.push({ inst, script: inst.run.script });
    return out;
  });
}

const shippedScriptsOf = new KeyedCache<DockerfileModel, { inst: Inst & { run: RunInfo }; script: ShellScript }[]>();

/** The stage whose image ships: the final stage, or the stage a final `test` stage builds FROM (`Stage.ships`). */
export function shippedTip(model: DockerfileModel): Stage | null {
  for (let i = model.stages.length - 1; i >= 0; i--) if (model.stages[i]!.ships) return model.stages[i]!;
  return null;
}
