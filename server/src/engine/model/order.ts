/**
 * Instruction order: which instructions a build runs one after the other (ONBUILD triggers where they run),
 * where each starts in the document, and the comment lines between two of them.
 */
import type { DockerfileModel, Inst, Stage } from './model.js';

/**
 * The instructions of a stage in the order a build runs them, one entry per instruction: an ONBUILD
 * instruction is represented by its trigger (marked with `onbuild`).
 */
export function buildSequence(stage: Stage): Inst[] {
  const out: Inst[] = [];
  const list = stage.instructions;
  for (let i = 0; i < list.length; i++) {
    const inst = list[i]!;
    const next = list[i + 1];
    if (inst.keyword === 'ONBUILD' && !inst.onbuild && next?.onbuild === inst.node) continue;
    out.push(inst);
  }
  return out;
}

/** Where the instruction starts in the document: for an ONBUILD trigger, at the ONBUILD keyword. */
export function outerStart(model: DockerfileModel, inst: Inst): number {
  return inst.onbuild ? model.lines.offsetAt(inst.onbuild.getRange().start) : inst.start;
}

/** The instruction's keyword as written (a trigger's own keyword, after ONBUILD). */
export function keywordSpan(model: DockerfileModel, inst: Inst): { start: number; end: number } {
  const r = inst.node.getInstructionRange();
  return { start: model.lines.offsetAt(r.start), end: model.lines.offsetAt(r.end) };
}

/**
 * The lines strictly between two instructions, when every one of them is blank or a comment: the
 * comment lines (as written), else null. Text after `a` on its last line or before `b` on its first line
 * also makes it null.
 */
export function linesBetween(model: DockerfileModel, aEnd: number, bStart: number): string[] | null {
  const { lines, text } = model;
  const aLine = lines.positionAt(aEnd).line;
  const bLine = lines.positionAt(bStart).line;
  if (bLine <= aLine) return null;
  if (text.slice(aEnd, lines.lineEndOffset(aLine)).trim() !== '') return null;
  if (text.slice(lines.starts[bLine]!, bStart).trim() !== '') return null;
  const comments: string[] = [];
  for (let l = aLine + 1; l < bLine; l++) {
    const t = lines.lineText(l);
    if (t.trim() === '') continue;
    if (!t.trimStart().startsWith('#')) return null;
    comments.push(t);
  }
  return comments;
}

/**
 * The offsets that delete an instruction's whole lines, line break included (the one after it, or the one
 * before it on the last line of the file). Null when other text shares its first or last line.
 */
export function wholeLinesSpan(model: DockerfileModel, inst: Inst): { start: number; end: number } | null {
  const { lines, text } = model;
  const start = outerStart(model, inst);
  const first = lines.positionAt(start).line;
  const last = lines.positionAt(inst.end).line;
  if (text.slice(lines.starts[first]!, start).trim() !== '') return null;
  if (text.slice(inst.end, lines.lineEndOffset(last)).trim() !== '') return null;
  const next = lines.starts[last + 1];
  if (next !== undefined) return { start: lines.starts[first]!, end: next };
  if (first === 0) return { start: 0, end: text.length };
  return { start: lines.lineEndOffset(first - 1), end: text.length };
}
