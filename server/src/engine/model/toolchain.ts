/**
 * Toolchain packages installed in a stage chain: which compilers and SDKs the package installs and removals of
 * the RUNs before a point leave in the image (`installedToolchain`). Read in two steps:
 * - per read of a RUN (`runPackageEvents`, with its other facts in `perRun`), its installs and removals, by command, without offsets: a RUN an edit did
 *   not touch, or only moved, is not read again on the next version;
 * - per stage, one pass over its RUNs that notes the toolchain in the image before each, starting from where its
 *   parent stage's pass ended: a query is a lookup plus the commands of its own RUN, not a replay of the chain.
 */
import { chainOf } from './chain.js';
import type { Inst, Stage } from './model.js';
import { cached, KeyedCache } from '../memo.js';
import { isCCompilerPackage, isToolchainPackage, runPackageEvents, type PackageEvent } from './runBuildRead.js';
import { runsOf, type RunInst } from './runs.js';

/** Installed packages (name → apk virtual group), in the order they were installed. Shared: never change one. */
type Installed = ReadonlyMap<string, string | null>;
const NONE: Installed = new Map();

/** `state` after `e`, counting the names `predicate` accepts: the same map when nothing changed. */
function apply(state: Installed, e: PackageEvent, predicate: (name: string) => boolean): Installed {
  let out: Map<string, string | null> | null = null;
  if (e.installs) {
    for (const name of e.installs) {
      if (!predicate(name) || (state.has(name) && state.get(name) === e.virtual)) continue;
      (out ??= new Map(state)).set(name, e.virtual);
    }
    return out ?? state;
  }
  const rem = e.removal!;
  for (const [name, virtual] of state) {
    if (rem.auto || rem.names.includes(name) || (virtual !== null && rem.names.includes(virtual))) (out ??= new Map(state)).delete(name);
  }
  return out ?? state;
}

/** A stage's RUNs (ONBUILD triggers aside) and the toolchain packages installed before each, and after the last. */
interface StageToolchain {
  runs: readonly RunInst[];
  /** `before[k]`: before `runs[k]`; `before[runs.length]`: after the stage. */
  before: readonly Installed[];
}

/** The installs and removals of a RUN, in its commands' order (kept per read of the RUN). */
function runEvents(inst: RunInst): readonly PackageEvent[] {
  return runPackageEvents(inst.run);
}

function stageToolchain(stage: Stage): StageToolchain {
  return cached(toolchainOfStage, stage, readStageToolchain);
}
const toolchainOfStage = new KeyedCache<Stage, StageToolchain>();

function readStageToolchain(stage: Stage): StageToolchain {
  const chain = chainOf(stage);
  // From where the stage it builds FROM ends (its own pass, kept per stage).
  let state = chain.length > 1 ? endOf(stageToolchain(chain[chain.length - 2]!)) : NONE;
  const runs: RunInst[] = [];
  const before: Installed[] = [];
  for (const r of runsOf([stage])) {
    if (r.onbuild) continue;
    runs.push(r);
    before.push(state);
    for (const e of runEvents(r)) if (e.toolchain || (e.removal && state.size > 0)) state = apply(state, e, isToolchainPackage);
  }
  before.push(state);
  return { runs, before };
}

function endOf(t: StageToolchain): Installed {
  return t.before[t.runs.length]!;
}

/**
 * Toolchain packages installed by the stage chain before document offset `offset` of RUN `inst` (earlier
 * RUNs, then the commands of `inst` that start before `offset`), minus those removed since; apk virtual names
 * and apt auto-removal are followed. `offset` = `inst.start` gives the state before the RUN, `Infinity` after it.
 * `inst` in no stage of the chain (or null): after the whole chain.
 */
export function installedToolchain(stage: Stage, inst: Inst | null, offset: number, predicate: (name: string) => boolean = isToolchainPackage): string[] {
  const chain = chainOf(stage);
  const at = inst?.stage ? chain.indexOf(inst.stage) : -1;
  // The per-stage passes count toolchain packages, and answer for a point in the stage asked about or after it;
  // other names (a test of one package) and a point in an earlier stage of the chain are replayed.
  if ((predicate !== isToolchainPackage && predicate !== isCCompilerPackage) || (at >= 0 && at < chain.length - 1)) return replayed(chain, inst, offset, predicate);
  let state: Installed;
  if (at < 0) state = endOf(stageToolchain(stage));
  else {
    const t = stageToolchain(stage);
    // The RUNs that start before `inst`.
    let lo = 0;
    let hi = t.runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t.runs[mid]!.start < inst!.start) lo = mid + 1;
      else hi = mid;
    }
    state = t.before[lo]!;
    if (t.runs[lo] === inst) state = ownBefore(state, t.runs[lo]!, offset, isToolchainPackage);
  }
  const out: string[] = [];
  for (const name of state.keys()) if (predicate(name)) out.push(name);
  return out;
}

/** `state` after the events of RUN `r` whose commands start before `offset`. */
function ownBefore(state: Installed, r: RunInst, offset: number, predicate: (name: string) => boolean): Installed {
  const commands = r.run.script?.commands ?? [];
  for (const e of runEvents(r)) {
    if (commands[e.at]!.start >= offset) break;
    state = apply(state, e, predicate);
  }
  return state;
}

/**
 * `installedToolchain` for any predicate and point: the chain's events in order, up to the first that is in
 * `inst`'s stage after `inst`, or in `inst` at or after `offset`.
 */
function replayed(chain: readonly Stage[], inst: Inst | null, offset: number, predicate: (name: string) => boolean): string[] {
  let state = NONE;
  out: for (const s of chain) {
    for (const r of runsOf([s])) {
      if (r.onbuild) continue;
      const later = inst !== null && r.stage === inst.stage && r.start > inst.start;
      const commands = r.run.script?.commands ?? [];
      for (const e of runEvents(r)) {
        if (later || (r === inst && commands[e.at]!.start >= offset)) break out;
        state = apply(state, e, predicate);
      }
    }
  }
  return [...state.keys()];
}
