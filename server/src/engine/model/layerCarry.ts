/**
 * The layer walk of a stage carried over from the last version of the document: when the stage and every
 * stage it builds FROM lie in the instructions the two versions share unchanged (`unchangedPrefix`), the walk
 * reads nothing else, so its records are those of the last version moved onto this model's instructions (the
 * same commands and offsets: nothing before the edit moved). While a user types in a later stage, the stages
 * before it are not walked again.
 */
import { unchangedPrefix } from './incremental.js';
import { CreationIndex, type Creation, type LaterRemoval, type StageLayers, type Walk } from './layerWalk.js';
import type { DockerfileModel, Inst, Stage } from './model.js';

/** A stage's layers and the walk as it stood after the stage's own instructions (what a child stage goes on from). */
export interface WalkedStage {
  out: StageLayers;
  walk: Walk;
}

/**
 * The last version's layers of `stage` and its walk, on this model's instructions; null when the stage or a
 * stage before it changed, or the last version did not walk it.
 */
export function carriedLayers(model: DockerfileModel, stage: Stage, walkedIn: (stage: Stage) => WalkedStage | null): WalkedStage | null {
  const prefix = unchangedPrefix(model);
  if (!prefix) return null;
  // Stages before it are earlier in the file, so when this stage's last instruction is unchanged, so are they.
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.fromInst;
  if (last.index >= prefix.count) return null;
  const was = prefix.earlier.stages[stage.index];
  if (!was || was.fromInst.index !== stage.fromInst.index) return null;
  const known = walkedIn(was);
  if (!known) return null;
  const insts = model.instructions;
  const inst = <T extends Inst>(i: T): T => {
    const now = insts[i.index];
    if (!now || i.index >= prefix.count) throw new Error('layer walk record outside the unchanged instructions');
    return now as T;
  };
  const made = new Map<Creation, Creation>();
  const creation = (c: Creation): Creation => {
    let now = made.get(c);
    if (!now) {
      now = { ...c, inst: inst(c.inst) };
      if (c.unpackedBy) now.unpackedBy = { inst: inst(c.unpackedBy.inst), cmd: c.unpackedBy.cmd };
      if (c.holes) now.holes = [...c.holes];
      made.set(c, now);
    }
    return now;
  };
  const removal = (r: LaterRemoval): LaterRemoval => {
    const now: LaterRemoval = { ...r, inst: inst(r.inst), source: inst(r.source), sources: r.sources.map(inst), creations: r.creations.map(creation) };
    if (r.partly) now.partly = r.partly.map(creation);
    if (r.hits) now.hits = r.hits.map((h) => ({ creation: creation(h.creation), path: h.path }));
    return now;
  };
  try {
    // The creations first, in order, so that the records made for them keep it.
    const creations = known.out.creations.map(creation);
    const out: StageLayers = {
      removals: known.out.removals.map(removal),
      extractions: known.out.extractions.map((e) => ({ inst: inst(e.inst), cmd: e.cmd, creation: creation(e.creation) })),
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
  } catch {
    return null;
  }
}
