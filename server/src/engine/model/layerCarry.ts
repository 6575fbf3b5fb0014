/**
 * The layer walk of a stage carried over from the last version of the document, moved onto this model's
 * instructions, in two cases:
 * - the stage and every stage it builds FROM lie in the instructions the two versions share unchanged
 *   (`unchangedPrefix`): the walk reads nothing else, and its commands and offsets are the same;
 * - the edit changed one RUN and nothing else (`movedTail`: the same number of instructions, every later one the
 *   same node moved by the edit's length), the stage lies wholly after it, and, when it builds FROM the edited
 *   RUN's stage, the walk after that stage (walked again) is the last version's, record for record
 *   (`sameWalk`), or differs only in creations removed by then (`liveSameAfter`: the walk the stage goes on from,
 *   its parent's, holds the same live creations, each the same, and the same packages). A RUN sets nothing the
 *   timeline reads (WORKDIR, ENV, ARG, USER, SHELL), and no step asks for a removed creation, so the stage's
 *   instructions see what they saw, and the walk from there is the last version's, moved: its commands are
 *   those of the moved RUNs at the same places, its offsets moved by the edit's length (and the removed
 *   creations it went on from this version's).
 * While a user types, only the stage typed in is walked again.
 */
import { chainOf } from './chain.js';
import { movedTail, tailMoves, type Moves } from './editedRun.js';
import { unchangedPrefix, unchangedStage } from './incremental.js';
import { copyCreation, CreationIndex, type Creation, type LaterRemoval, type StageLayers, type Walk } from './layerWalk.js';
import type { DockerfileModel, Stage } from './model.js';
import { KeyedCache } from '../memo.js';

/** A stage's layers and the walk as it stood after the stage's own instructions (what a child stage goes on from). */
export interface WalkedStage {
  out: StageLayers;
  walk: Walk;
}

/**
 * The last version's layers of `stage` and its walk, on this model's instructions; null when they may differ
 * from a walk of this version or the last version did not walk it. `walked` walks a stage of this model.
 */
export function carriedLayers(
  model: DockerfileModel,
  stage: Stage,
  walkedIn: (stage: Stage) => WalkedStage | null,
  walked: (stage: Stage) => WalkedStage | null,
): WalkedStage | null {
  const prefix = unchangedPrefix(model);
  if (!prefix) return null;
  const insts = model.instructions;
  const was = prefix.earlier.stages[stage.index];
  let moves: Moves;
  let incoming: Incoming | null = null;
  if (unchangedStage(model, stage)) {
    moves = {
      inst: (i) => {
        const now = insts[i.index];
        if (!now || i.index >= prefix.count) throw new Error('layer walk record outside the unchanged instructions');
        return now as typeof i;
      },
      cmd: (c) => c,
      offset: (n) => n,
    };
  } else {
    const tail = movedTail(model);
    if (!tail || stage.fromInst.index <= tail.index) return null;
    const edited = insts[tail.index]!.stage!;
    if (was?.parent?.index !== stage.parent?.index) return null;
    moves = tailMoves(model, prefix.earlier, tail);
    if (chainOf(stage).some((s) => s.index === edited.index) && !sameWalkAfter(model, prefix.earlier, edited, moves, walkedIn, walked)) {
      // The walk after the edited stage differs. The stage still reads what it read when the walk it goes on from
      // (its parent's) differs only in creations removed before it: no step asks for a removed creation.
      if (!stage.parent || was?.parent?.index !== stage.parent.index) return null;
      incoming = liveSameAfter(prefix.earlier, stage.parent, moves, walkedIn, walked);
      if (!incoming) return null;
    }
  }
  if (!was || was.fromInst.index !== stage.fromInst.index) return null;
  const known = walkedIn(was);
  if (!known) return null;
  try {
    const out = moved(model, prefix.earlier, known, moves, incoming);
    // The walk after the stage is the last version's but for creations removed by then (or not at all): a stage that
    // goes on from it reads what it read before.
    liveSame.set(stage, out.after);
    return out;
  } catch {
    return null;
  }
}

/**
 * The walk a stage goes on from in this version (`now`, its parent's after it) and in the last one (`was`), paired:
 * for each creation of `now`, the place in `was` of the same creation, or -1 for a removed one (`was`'s removed
 * creations are in no pair).
 */
interface Incoming {
  now: readonly Creation[];
  was: readonly Creation[];
  pairs: Int32Array;
}

/**
 * The last version's records of a stage on this model. With `incoming` (the stage went on from a walk that is the
 * last version's but for removed creations), its creations are those of this version's walk it goes on from, the
 * live ones as the stage left them in the last version (it read and changed only those), then its own.
 */
function moved(model: DockerfileModel, earlier: DockerfileModel, known: WalkedStage, m: Moves, incoming: Incoming | null = null): WalkedStage & { after: Incoming } {
  const { inst, cmd } = m;
  // A creation a stage shares with the stage it went on from (it did not change it) is carried once for both.
  const made = carriedCreations(earlier, model);
  const copy = (c: Creation): Creation => {
    let now = made.get(c);
    if (now) return now;
    now = copyCreation(c);
    now.inst = inst(c.inst);
    if (c.download) now.download = cmd(c.download, c.inst);
    if (c.unpackedBy) now.unpackedBy = { inst: inst(c.unpackedBy.inst), cmd: cmd(c.unpackedBy.cmd, c.unpackedBy.inst) };
    made.set(c, now);
    return now;
  };
  let creations: Creation[] | null = null;
  const own = new Set<Creation>();
  if (incoming) {
    const old = known.out.creations;
    // Triggers walk on from a copy of the walk: not carried this way.
    if (known.walk.creations !== old || known.walk.out !== known.out || old.length < incoming.was.length) throw new Error('not carried');
    creations = [];
    const { now, was, pairs } = incoming;
    for (let k = 0; k < now.length; k++) {
      const p = pairs[k]!;
      if (p >= 0 && old[p]!.path !== was[p]!.path) throw new Error('not the walk the stage went on from');
      // Removed before the stage, or left as it was by the stage: this version's creation, shared as a walk shares it.
      if (p < 0 || old[p] === was[p]) creations.push(now[k]!);
      else {
        creations.push(copy(old[p]!));
        own.add(old[p]!);
      }
    }
    for (let k = incoming.was.length; k < old.length; k++) {
      creations.push(copy(old[k]!));
      own.add(old[k]!);
    }
  }
  const creation = (c: Creation): Creation => {
    // Every record the stage made names a creation it changed or made (a walk copies one before it names it).
    if (incoming && !own.has(c)) throw new Error('record of a creation not carried');
    return copy(c);
  };
  const removal = (r: LaterRemoval): LaterRemoval => {
    const now: LaterRemoval = {
      ...r,
      inst: inst(r.inst),
      cmd: cmd(r.cmd, r.inst),
      start: m.offset(r.start, r.inst),
      end: m.offset(r.end, r.inst),
      source: inst(r.source),
      sources: r.sources.map(inst),
      creations: r.creations.map(creation),
    };
    if (r.partly) now.partly = r.partly.map(creation);
    if (r.hits) now.hits = r.hits.map((h) => ({ creation: creation(h.creation), path: h.path }));
    return now;
  };
  // The creations first, in order, so that the records made for them keep it.
  creations ??= known.out.creations.map(creation);
  const out: StageLayers = {
    removals: known.out.removals.map(removal),
    extractions: known.out.extractions.map((e) => ({ inst: inst(e.inst), cmd: cmd(e.cmd, e.inst), creation: creation(e.creation) })),
    creations,
  };
  const w = known.walk;
  const walked = w.creations === known.out.creations ? out.creations : w.creations.map(creation);
  const index = CreationIndex.of(walked);
  // Packages name their instructions by number, which the carry keeps; a walk done changes them no more (a stage
  // that goes on from it copies them), so both versions' walks share them.
  const packages = w.packages;
  const devDependencies = w.devDependencies && { inst: inst(w.devDependencies.inst), by: w.devDependencies.by };
  const walk: Walk = { model, cwd: w.cwd, home: w.home, creations: walked, index, packages, devDependencies, mine: new Set(), record: false, out: w.out === known.out ? out : { removals: [], extractions: [], creations: [] } };
  // The carried walk paired with the last version's, place by place (a creation removed before the stage, this
  // version's, with none).
  const pairs = new Int32Array(walked.length);
  for (let k = 0; k < walked.length; k++) pairs[k] = k;
  if (incoming) {
    const shift = incoming.was.length - incoming.now.length;
    for (let k = 0; k < walked.length; k++) pairs[k] = k < incoming.now.length ? incoming.pairs[k]! : k + shift;
  }
  return { out, walk, after: { now: walked, was: w.creations, pairs } };
}

/**
 * The last version's creations and their copies on this model, kept on the last version's model (this one keeps no
 * link to it) for the stages of one version, which share the creations they did not change.
 */
const carried = new KeyedCache<DockerfileModel, { model: DockerfileModel; made: Map<Creation, Creation> }>();
function carriedCreations(earlier: DockerfileModel, model: DockerfileModel): Map<Creation, Creation> {
  let known = carried.get(earlier);
  if (!known || known.model !== model) carried.set(earlier, (known = { model, made: new Map() }));
  return known.made;
}

const sameAfter = new KeyedCache<DockerfileModel, boolean>();

/** The walk after the edited stage, walked again, is the last version's, moved (every record the same). */
function sameWalkAfter(
  model: DockerfileModel,
  earlier: DockerfileModel,
  stage: Stage,
  m: Moves,
  walkedIn: (stage: Stage) => WalkedStage | null,
  walked: (stage: Stage) => WalkedStage | null,
): boolean {
  const known = sameAfter.get(model);
  if (known !== undefined) return known;
  let same = false;
  try {
    const was = walkedIn(earlier.stages[stage.index]!)?.walk;
    const now = walked(stage)?.walk;
    same = Boolean(was && now && sameWalk(was, now, m));
  } catch {
    same = false;
  }
  sameAfter.set(model, same);
  return same;
}

const liveSame = new KeyedCache<Stage, Incoming | null>();

/**
 * The walk after `stage` (walked again, or carried) and the last version's, paired, when they hold the same live
 * creations in the same order, each the same moved, and the same packages; null otherwise. A carried stage's
 * pairing is the one its carry made (`carriedLayers`), not compared again.
 */
function liveSameAfter(
  earlier: DockerfileModel,
  stage: Stage,
  m: Moves,
  walkedIn: (stage: Stage) => WalkedStage | null,
  walked: (stage: Stage) => WalkedStage | null,
): Incoming | null {
  const known = liveSame.get(stage);
  if (known !== undefined) return known;
  let out: Incoming | null = null;
  try {
    const a = walkedIn(earlier.stages[stage.index]!)?.walk;
    const b = walked(stage)?.walk;
    // Carried just now (walking it), with its pairing.
    const given = liveSame.get(stage);
    if (given !== undefined) return given;
    if (a && b && sameState(a, b, m)) {
      const pairs = new Int32Array(b.creations.length).fill(-1);
      let k = 0;
      let same = true;
      for (let j = 0; same && j < b.creations.length; j++) {
        const c = b.creations[j]!;
        if (c.removed) continue;
        while (k < a.creations.length && a.creations[k]!.removed) k++;
        same = k < a.creations.length && sameCreation(a.creations[k]!, c, m);
        pairs[j] = k++;
      }
      while (same && k < a.creations.length && a.creations[k]!.removed) k++;
      if (same && k === a.creations.length) out = { now: b.creations, was: a.creations, pairs };
    }
  } catch {
    out = null;
  }
  liveSame.set(stage, out);
  return out;
}

function sameWalk(a: Walk, b: Walk, m: Moves): boolean {
  if (a.creations.length !== b.creations.length) return false;
  for (let k = 0; k < a.creations.length; k++) if (!sameCreation(a.creations[k]!, b.creations[k]!, m)) return false;
  return sameState(a, b, m);
}

/** The same working directory, home, packages and dev dependencies (the walk's state besides its creations). */
function sameState(a: Walk, b: Walk, m: Moves): boolean {
  if (a.cwd !== b.cwd || a.home !== b.home) return false;
  if (a.packages.size !== b.packages.size) return false;
  for (const [db, names] of a.packages) {
    const now = b.packages.get(db);
    if (!now || now.size !== names.size) return false;
    for (const [name, i] of names) if (now.get(name) !== i) return false;
  }
  if (!a.devDependencies || !b.devDependencies) return a.devDependencies === b.devDependencies;
  return a.devDependencies.by === b.devDependencies.by && m.inst(a.devDependencies.inst) === b.devDependencies.inst;
}

/**
 * Every field of a creation, each compared by `sameCreation` (the compiler asks for a new field here, and a test
 * that a creation has no other).
 */
export const COMPARED_FIELDS = {
  path: true,
  shape: true,
  inst: true,
  verb: true,
  cache: true,
  add: true,
  copied: true,
  empty: true,
  unknownContents: true,
  download: true,
  unpackedBy: true,
  holes: true,
  removed: true,
} as const satisfies Record<keyof Creation, true>;

/** The same creation, moved: each field of `COMPARED_FIELDS` in turn (no list of keys made per creation). */
function sameCreation(a: Creation, b: Creation, m: Moves): boolean {
  if (a.path !== b.path || a.shape !== b.shape || a.verb !== b.verb || a.empty !== b.empty || a.removed !== b.removed || a.unknownContents !== b.unknownContents) return false;
  if (m.inst(a.inst) !== b.inst) return false;
  if (!sameValue(a.cache, b.cache) || !sameValue(a.add, b.add) || !sameValue(a.copied, b.copied)) return false;
  if (a.download === undefined || b.download === undefined) {
    if (a.download !== b.download) return false;
  } else if (m.cmd(a.download, a.inst) !== b.download) return false;
  if (a.unpackedBy === undefined || b.unpackedBy === undefined) {
    if (a.unpackedBy !== b.unpackedBy) return false;
  } else if (m.inst(a.unpackedBy.inst) !== b.unpackedBy.inst || m.cmd(a.unpackedBy.cmd, a.unpackedBy.inst) !== b.unpackedBy.cmd) return false;
  if (a.holes === undefined || b.holes === undefined) return a.holes === b.holes;
  return a.holes.length === b.holes.length && a.holes.every((h, k) => h === b.holes![k]);
}

/** Strings, numbers, booleans, and objects of them (`cache`, `add`, `copied`). */
function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (!x || !y || typeof x !== 'object' || typeof y !== 'object' || Array.isArray(x) || Array.isArray(y)) return false;
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  return kx.every((k) => {
    const v = (x as Record<string, unknown>)[k];
    return (v === null || typeof v !== 'object') && v === (y as Record<string, unknown>)[k];
  });
}
