/**
 * The ENV values in force at each instruction of a stage: what a stage inherits from the stage it builds FROM,
 * and what its own ENV instructions set, in order.
 */
import type { Inst, Stage } from './model.js';

interface EnvFacts {
  /** What the stage starts with: the environment at the end of the stage it builds FROM. */
  base: ReadonlyMap<string, string>;
  /** Start offsets of the stage's ENV instructions, and the environment after each. */
  starts: number[];
  after: ReadonlyMap<string, string>[];
}

const NO_ENV: ReadonlyMap<string, string> = new Map();
const envFacts = new WeakMap<Stage, EnvFacts>();

function envOf(stage: Stage): EnvFacts {
  let facts = envFacts.get(stage);
  if (facts) return facts;
  // A parent is always an earlier stage, so the chain ends.
  const base = stage.parent ? finalEnv(envOf(stage.parent)) : NO_ENV;
  facts = { base, starts: [], after: [] };
  let current = base;
  for (const i of stage.instructions) {
    if (i.keyword !== 'ENV' || i.onbuild) continue;
    const next = new Map(current);
    for (const p of (i.node as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties()) {
      next.set(p.getName(), p.getValue() ?? '');
    }
    facts.starts.push(i.start);
    facts.after.push(next);
    current = next;
  }
  envFacts.set(stage, facts);
  return facts;
}

function finalEnv(facts: EnvFacts): ReadonlyMap<string, string> {
  return facts.after[facts.after.length - 1] ?? facts.base;
}

/**
 * ENV values in force at an instruction of a stage: those set earlier in the stage or in the stages it
 * builds FROM. Values are as written (no expansion). The map is shared between calls: read it, never change
 * it. Each stage's environments are worked out once, so asking for every instruction stays linear.
 */
export function envAt(inst: Inst): ReadonlyMap<string, string> {
  if (!inst.stage) return NO_ENV;
  const facts = envOf(inst.stage);
  // The last ENV of the stage that starts before the instruction.
  let lo = 0;
  let hi = facts.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (facts.starts[mid]! < inst.start) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? facts.base : facts.after[lo - 1]!;
}
