/**
 * The one RUN an edit changed, when it changed that and nothing else (`movedTail`: the same number of instructions,
 * every later one the same node moved by the edit's length), and how the last version's instructions, commands and
 * offsets move onto this model (`tailMoves`): what the layer walk (`layerCarry.ts`) and the apt estimates
 * (`aptInstalls.ts`) carry over for the stages after it.
 */
import { unchangedPrefix } from './incremental.js';
import type { DockerfileModel, Inst, Stage } from './model.js';
import type { ShellCommand } from './shellTypes.js';
import { KeyedCache } from '../memo.js';

/**
 * The one RUN an edit changed (`index`), and how far the instructions after it moved (kept per model: no link to
 * the last version's model, which `forgetEarlier` lets go of).
 */
export interface Tail {
  index: number;
  delta: number;
}

/** The last version's instructions and commands, and offsets, as they are in this model. */
export interface Moves {
  inst<T extends Inst>(i: T): T;
  cmd(c: ShellCommand, owner: Inst): ShellCommand;
  offset(n: number, owner: Inst): number;
}

/** A stage after the one RUN an edit changed (and nothing else), with the last version's of it and the moves onto this model. */
export interface AfterEditedRun {
  was: Stage;
  earlier: DockerfileModel;
  /** The edited RUN, by number (the same in both versions). */
  edited: number;
  inst<T extends Inst>(i: T): T;
  cmd(c: ShellCommand, owner: Inst): ShellCommand;
}

/** The stage seen from the last version when it lies wholly after the one RUN the edit changed (`movedTail`); null otherwise. */
export function afterEditedRun(model: DockerfileModel, stage: Stage): AfterEditedRun | null {
  const prefix = unchangedPrefix(model);
  const tail = prefix && movedTail(model);
  if (!prefix || !tail || stage.fromInst.index <= tail.index) return null;
  const was = prefix.earlier.stages[stage.index];
  if (!was || was.fromInst.index !== stage.fromInst.index || was.parent?.index !== stage.parent?.index) return null;
  const m = tailMoves(model, prefix.earlier, tail);
  return { was, earlier: prefix.earlier, edited: tail.index, inst: m.inst, cmd: m.cmd };
}

const tails = new KeyedCache<DockerfileModel, Tail | null>();

/**
 * The RUN the edit changed, when it changed one RUN and nothing else: the same number of instructions, the one
 * after the unchanged ones a RUN (not a trigger) in both, and every later one the same node, keyword, stage and
 * RUN info (moved: the same mounts) at the same place moved by one length.
 */
export function movedTail(model: DockerfileModel): Tail | null {
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

export function tailMoves(model: DockerfileModel, earlier: DockerfileModel, tail: Tail): Moves {
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
