/**
 * The layer walk of a stage carried over from the last version of the document, moved onto this model's
 * instructions, in two cases:
 * - the stage and every stage it builds FROM lie in the instructions the two versions share unchanged
 *   (`unchangedPrefix`): the walk reads nothing else, and its commands and offsets are the same;
 * - the edit changed one RUN and nothing else (`movedTail`: the same number of instructions, every later one the
 *   same node moved by the edit's length), the stage lies wholly after it, and, when it builds FROM the edited
 *   RUN's stage, the walk after that stage (walked again) is the last version's, record for record
 *   (`sameWalk`). A RUN sets nothing the timeline reads (WORKDIR, ENV, ARG, USER, SHELL), so the stage's
 *   instructions see what they saw, and the walk from there is the last version's, moved: its commands are
 *   those of the moved RUNs at the same places, its offsets moved by the edit's length.
 * While a user types, only the stage typed in is walked again.
 */
import { chainOf } from './chain.js';
import { unchangedPrefix, unchangedStage } from './incremental.js';
import { copyCreation, CreationIndex, type Creation, type LaterRemoval, type StageLayers, type Walk } from './layerWalk.js';
import type { DockerfileModel, Inst, Stage } from './model.js';
import type { ShellCommand } from './shellTypes.js';
import { KeyedCache } from '../memo.js';

/** A stage's layers and the walk as it stood after the stage's own instructions (what a child stage goes on from). */
export interface WalkedStage {
  out: StageLayers;
  walk: Walk;
}

/**
 * The one RUN an edit changed (`index`), and how far the instructions after it moved (kept per model: no link to
 * the last version's model, which `forgetEarlier` lets go of).
 */
interface Tail {
  index: number;
  delta: number;
}

/** The last version's instructions and commands, and offsets, as they are in this model. */
interface Moves {
  inst<T extends Inst>(i: T): T;
  cmd(c: ShellCommand, owner: Inst): ShellCommand;
  offset(n: number, owner: Inst): number;
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
    if (chainOf(stage).some((s) => s.index === edited.index) && !sameWalkAfter(model, prefix.earlier, edited, moves, walkedIn, walked)) return null;
  }
  if (!was || was.fromInst.index !== stage.fromInst.index) return null;
  const known = walkedIn(was);
  if (!known) return null;
  try {
    return moved(model, known, moves);
  } catch {
    return null;
  }
}

function moved(model: DockerfileModel, known: WalkedStage, m: Moves): WalkedStage {
  const { inst, cmd } = m;
  const made = new Map<Creation, Creation>();
  const creation = (c: Creation): Creation => {
    let now = made.get(c);
    if (!now) {
      now = copyCreation(c);
      now.inst = inst(c.inst);
      if (c.download) now.download = cmd(c.download, c.inst);
      if (c.unpackedBy) now.unpackedBy = { inst: inst(c.unpackedBy.inst), cmd: cmd(c.unpackedBy.cmd, c.unpackedBy.inst) };
      made.set(c, now);
    }
    return now;
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
  const creations = known.out.creations.map(creation);
  const out: StageLayers = {
    removals: known.out.removals.map(removal),
    extractions: known.out.extractions.map((e) => ({ inst: inst(e.inst), cmd: cmd(e.cmd, e.inst), creation: creation(e.creation) })),
    creations,
  };
  const w = known.walk;
  const walked = w.creations === known.out.creations ? out.creations : w.creations.map(creation);
  const index = new CreationIndex();
  for (const c of walked) index.add(c);
  const packages = new Map([...w.packages].map(([db, names]) => [db, new Map([...names].map(([name, i]) => [name, inst(i)]))] as const));
  const devDependencies = w.devDependencies && { inst: inst(w.devDependencies.inst), by: w.devDependencies.by };
  const walk: Walk = { model, cwd: w.cwd, home: w.home, creations: walked, index, packages, devDependencies, record: false, out: w.out === known.out ? out : { removals: [], extractions: [], creations: [] } };
  return { out, walk };
}

const tails = new KeyedCache<DockerfileModel, Tail | null>();

/**
 * The RUN the edit changed, when it changed one RUN and nothing else: the same number of instructions, the one
 * after the unchanged ones a RUN (not a trigger) in both, and every later one the same node, keyword, stage and
 * RUN info (moved: the same mounts) at the same place moved by one length.
 */
function movedTail(model: DockerfileModel): Tail | null {
  const known = tails.get(model);
  if (known !== undefined) return known;
  let out: Tail | null = null;
  const prefix = unchangedPrefix(model);
  const a = model.instructions;
  const b = prefix?.earlier.instructions;
  const p = prefix?.count ?? -1;
  if (b && a.length === b.length && p >= 0 && p < a.length && a[p]!.keyword === 'RUN' && b[p]!.keyword === 'RUN' && !a[p]!.onbuild && !b[p]!.onbuild && a[p]!.stage && a[p]!.stage!.index === b[p]!.stage?.index) {
    const delta = p + 1 < a.length ? a[p + 1]!.start - b[p + 1]!.start : 0;
    let ok = model.stages.length === prefix.earlier.stages.length;
    for (let i = p + 1; ok && i < a.length; i++) {
      const x = a[i]!;
      const y = b[i]!;
      ok = x.node === y.node && x.keyword === y.keyword && Boolean(x.onbuild) === Boolean(y.onbuild) && x.stage?.index === y.stage?.index && x.start - y.start === delta && x.end - y.end === delta;
      if (ok && (x.run || y.run)) {
        ok = Boolean(x.run && y.run) && x.run!.mounts === y.run!.mounts && x.run!.bodyStart - y.run!.bodyStart === delta && (x.run!.script?.commands.length ?? -1) === (y.run!.script?.commands.length ?? -1);
      }
    }
    if (ok) out = { index: p, delta };
  }
  tails.set(model, out);
  return out;
}

function tailMoves(model: DockerfileModel, earlier: DockerfileModel, tail: Tail): Moves {
  const insts = model.instructions;
  const inst = <T extends Inst>(i: T): T => {
    const now = insts[i.index];
    if (!now || earlier.instructions[i.index] !== i) throw new Error('layer walk record of another model');
    return now as T;
  };
  return {
    inst,
    cmd: (c, owner) => {
      if (owner.index < tail.index) return c;
      const was = owner.run?.script;
      const now = inst(owner).run?.script;
      let k = was ? was.commands.indexOf(c) : -1;
      if (k >= 0 && now && now.commands.length === was!.commands.length) return now.commands[k]!;
      k = was?.variables ? was.variables.indexOf(c) : -1;
      if (k >= 0 && now?.variables && now.variables.length === was!.variables!.length) return now.variables[k]!;
      throw new Error('command not found in the moved RUN');
    },
    offset: (n, owner) => {
      if (owner.index < tail.index) return n;
      if (owner.index > tail.index) return n + tail.delta;
      throw new Error('offset in the edited RUN');
    },
  };
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

function sameWalk(a: Walk, b: Walk, m: Moves): boolean {
  if (a.cwd !== b.cwd || a.home !== b.home || a.creations.length !== b.creations.length) return false;
  for (let k = 0; k < a.creations.length; k++) if (!sameCreation(a.creations[k]!, b.creations[k]!, m)) return false;
  if (a.packages.size !== b.packages.size) return false;
  for (const [db, names] of a.packages) {
    const now = b.packages.get(db);
    if (!now || now.size !== names.size) return false;
    for (const [name, i] of names) if (now.get(name) !== m.inst(i)) return false;
  }
  if (!a.devDependencies || !b.devDependencies) return a.devDependencies === b.devDependencies;
  return a.devDependencies.by === b.devDependencies.by && m.inst(a.devDependencies.inst) === b.devDependencies.inst;
}

function sameCreation(a: Creation, b: Creation, m: Moves): boolean {
  const keys = Object.keys(a) as (keyof Creation)[];
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    // Every creation has every field (`newCreation`): one it does not have is undefined.
    if (x === undefined || y === undefined) {
      if (x !== y) return false;
      continue;
    }
    switch (key) {
      case 'inst':
        if (m.inst(a.inst) !== b.inst) return false;
        break;
      case 'download':
        if (!a.download || !b.download || m.cmd(a.download, a.inst) !== b.download) return false;
        break;
      case 'unpackedBy':
        if (!a.unpackedBy || !b.unpackedBy || m.inst(a.unpackedBy.inst) !== b.unpackedBy.inst || m.cmd(a.unpackedBy.cmd, a.unpackedBy.inst) !== b.unpackedBy.cmd) return false;
        break;
      case 'holes':
        if (!a.holes || !b.holes || a.holes.length !== b.holes.length || a.holes.some((h, k) => h !== b.holes![k])) return false;
        break;
      default:
        if (!sameValue(x, y)) return false;
    }
  }
  return true;
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
