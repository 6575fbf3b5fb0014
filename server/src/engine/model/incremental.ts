/**
 * Parsing a new version of a document with what the last version's model already holds. While a user types,
 * one instruction changes; dockerfile-ast would parse the whole file again and every RUN would be turned into
 * the model again. Here only a window around the edit is parsed; the instructions before it, and (when the edit
 * keeps the number of lines) those after it, keep their dockerfile-ast nodes, and their RUNs keep their
 * `RunInfo` (moved by the edit's length when after it). The result is the parse of the whole text: the window
 * starts at an instruction's line (where the parser starts afresh) and ends where the parse of the new text is
 * shown to start afresh at an unchanged instruction; whatever cannot be shown so is parsed again.
 */
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import type { LineTable } from '../text.js';
import { leanParse } from './leanParse.js';
import type { Directive, DockerfileModel, RunInfo, Stage } from './model.js';
import { shiftScript } from './shellText.js';
import { KeyedCache } from '../memo.js';

export interface ParsedText {
  /** The top-level instructions, in document order (ONBUILD triggers inside their ONBUILD). */
  nodes: Instruction[];
  escapeChar: string;
  directives: Directive[];
  /** The RUN info the last model had for a node it shares with this text, with how far the node moved. */
  moved: Map<Instruction, { run: RunInfo; delta: number }> | null;
  /** 0 for a parse of the whole text; else one more than the model it reused nodes of had. */
  generation: number;
  /** The model whose nodes this parse reused (null for a parse of the whole text). */
  from?: DockerfileModel | null;
}

/** The parse of the whole text: the lean parse (`leanParse.ts`), or dockerfile-ast's where that one hands the file over. */
export function parseText(text: string, lines?: LineTable): ParsedText {
  const lean = leanParse(text, lines);
  const ast = lean ? null : DockerfileParser.parse(text);
  const directives = lean ? lean.directives : ast!.getDirectives();
  return {
    nodes: lean ? lean.instructions : ast!.getInstructions(),
    escapeChar: lean ? lean.escapeChar : ast!.getEscapeCharacter(),
    directives: directives.map((d) => ({ name: d.getName().toLowerCase(), value: d.getValue(), range: d.getRange() })),
    moved: null,
    generation: 0,
  };
}

/**
 * The parse of `text` from the model of an earlier version of the document: the same nodes and the same
 * answers as `parseText(text)`, reusing the unchanged instructions. Null when the edit is where it cannot help
 * (before the first instruction: parser directives) or the file uses another escape character.
 */
export function reparseText(previous: DockerfileModel, text: string, lines: LineTable): ParsedText | null {
  const generation = (generations.get(previous) ?? 0) + 1;
  if (generation > MAX_GENERATIONS) return null;
  let parsed: ParsedText | null;
  try {
    parsed = reparse(previous, text, lines);
  } catch {
    // dockerfile-ast throws on some broken input: the whole text is parsed again, as without a previous model.
    return null;
  }
  if (parsed) parsed.generation = generation;
  return parsed;
}

/**
 * Each window's nodes keep the text they were parsed from (the window after as many line breaks as lines
 * before it, and its line table): after this many parses in a row that keep nodes of earlier ones, the whole
 * text is parsed again, so that a long editing session holds at most this many of those texts.
 */
const MAX_GENERATIONS = 64;
/** How many parses in a row led to a model, each reusing nodes of the one before. */
const generations = new KeyedCache<DockerfileModel, number>();
/** Records that `model` was built from `parsed` (for the count of parses in a row, and `unchangedPrefix`). */
export function builtFrom(model: DockerfileModel, parsed: ParsedText): void {
  if (parsed.generation > 0) generations.set(model, parsed.generation);
  if (parsed.from) {
    earlier.set(model, parsed.from);
    // One link only: the model before is kept while its successor lives, not every version of the document.
    earlier.delete(parsed.from);
    prefixes.delete(parsed.from);
  }
}

/**
 * Lets go of the model `model` was parsed from (the linter calls it once its rules have run): what is carried
 * over is carried over during the lint, and an analysis kept for hover and code actions then holds one model.
 */
export function forgetEarlier(model: DockerfileModel): void {
  earlier.delete(model);
  prefixes.delete(model);
}

/** The model each model was parsed from, until a model is parsed from it in turn (or `forgetEarlier`). */
const earlier = new KeyedCache<DockerfileModel, DockerfileModel>();
const prefixes = new KeyedCache<DockerfileModel, { earlier: DockerfileModel; count: number } | null>();

/**
 * The model of the version this model was parsed from, and how many of the first instructions (of
 * `model.instructions`) the two share unchanged: the same dockerfile-ast node at the same place with the same
 * RUN info (the same object). The text before the end of those instructions is the same in both, and so is
 * every fact that reads only them (e.g. the layer walk of a stage and the stages it builds FROM, when all their
 * instructions are among them): such facts may be carried over, moved onto this model's instructions.
 */
export function unchangedPrefix(model: DockerfileModel): { earlier: DockerfileModel; count: number } | null {
  const known = prefixes.get(model);
  if (known !== undefined) return known;
  const previous = earlier.get(model);
  let out: { earlier: DockerfileModel; count: number } | null = null;
  if (previous) {
    const a = model.instructions;
    const b = previous.instructions;
    const max = Math.min(a.length, b.length);
    let k = 0;
    while (k < max && sameInst(a[k]!, b[k]!)) k++;
    out = { earlier: previous, count: k };
  }
  prefixes.set(model, out);
  return out;
}

/**
 * The last version's stage, when `stage` lies wholly in the instructions the two versions share unchanged
 * (`unchangedPrefix`), and so does every stage before it: facts that read only those stages may be carried over.
 */
export function unchangedStage(model: DockerfileModel, stage: Stage): Stage | null {
  const prefix = unchangedPrefix(model);
  if (!prefix) return null;
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.fromInst;
  const old = prefix.earlier.stages[stage.index];
  return last.index < prefix.count && old && old.fromInst.index === stage.fromInst.index ? old : null;
}

function sameInst(a: DockerfileModel['instructions'][number], b: DockerfileModel['instructions'][number]): boolean {
  return a.node === b.node && a.start === b.start && a.end === b.end && a.run === b.run && a.keyword === b.keyword && a.onbuild === b.onbuild && a.stage?.index === b.stage?.index;
}

function reparse(previous: DockerfileModel, text: string, lines: LineTable): ParsedText | null {
  const old = previous.text;
  if (previous.escapeChar !== '\\') return null;
  const top = previous.instructions.filter((i) => !i.onbuild);
  const max = Math.min(old.length, text.length);
  const p = commonPrefix(old, text, max);
  if (p === old.length && p === text.length) return { nodes: top.map((i) => i.node), escapeChar: previous.escapeChar, directives: previous.directives, moved: movedRuns(top, 0, top.length, 0), generation: 0, from: previous };
  const s = commonSuffix(old, text, max - p);
  // The last instruction that starts before the first changed character: the parser starts afresh at its
  // line in both versions, and the edit may change it (or what follows it, even a comment line inside its
  // continuation), so the window starts there and the instructions before it are kept.
  let j = -1;
  while (j + 1 < top.length && top[j + 1]!.start < p) j++;
  if (j < 0) return null;
  const windowLine = top[j]!.range.start.line;
  const windowStart = previous.lines.offsetAt({ line: windowLine, character: 0 });
  // The first instruction after the edit whose line starts after it (so the line break before it is
  // unchanged too): when the edit keeps the number of lines, it and those after it keep their positions.
  const oldEditEnd = old.length - s;
  const delta = text.length - old.length;
  let m = -1;
  if (lines.lineCount === previous.lines.lineCount) {
    for (let i = j + 1; i < top.length; i++) {
      if (previous.lines.offsetAt({ line: top[i]!.range.start.line, character: 0 }) > oldEditEnd) {
        m = i;
        break;
      }
    }
  }
  const pad = '\n'.repeat(windowLine);
  let window: Instruction[] | null = null;
  if (m >= 0) {
    // Parse up to the end of that instruction's first line: if the parse starts it where the last version
    // had it, the parser is afresh there, and from there on the text is the last version's.
    const at = top[m]!.range.start;
    const end = previous.lines.lineEndOffset(at.line) + delta;
    const parsed = parseWindow(pad + text.slice(windowStart, end));
    const last = parsed[parsed.length - 1];
    const start = last?.getRange().start;
    if (last && start!.line === at.line && start!.character === at.character && last.getKeyword() === top[m]!.node.getKeyword()) window = parsed.slice(0, -1);
    else m = -1;
  }
  if (m < 0) window = parseWindow(pad + text.slice(windowStart));
  const kept = m < 0 ? [] : top.slice(m);
  const moved = movedRuns(top, 0, j, 0);
  for (const [node, r] of movedRuns(kept, 0, kept.length, delta)) moved.set(node, r);
  return {
    nodes: [...top.slice(0, j).map((i) => i.node), ...window!, ...kept.map((i) => i.node)],
    escapeChar: previous.escapeChar,
    directives: previous.directives,
    moved,
    generation: 0,
    from: previous,
  };
}

/**
 * The nodes of a window (the text from an instruction's line, after as many line breaks as lines before it):
 * the lean parse's, which are dockerfile-ast's (`leanParse.ts`); dockerfile-ast's own parse only where the lean
 * one hands a text over (an unknown escape character, which a window without directives cannot have).
 */
function parseWindow(padded: string): Instruction[] {
  return leanParse(padded)?.instructions ?? DockerfileParser.parse(padded).getInstructions();
}

/** Characters compared per step before the one-by-one comparison (a slice of a flat string is not copied). */
const CHUNK = 1024;

/** How many first characters `a` and `b` share (at most `max`): block by block, then one by one. */
function commonPrefix(a: string, b: string, max: number): number {
  let p = 0;
  while (p + CHUNK <= max && a.slice(p, p + CHUNK) === b.slice(p, p + CHUNK)) p += CHUNK;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** How many last characters `a` and `b` share (at most `max`). */
function commonSuffix(a: string, b: string, max: number): number {
  let s = 0;
  while (s + CHUNK <= max && a.slice(a.length - s - CHUNK, a.length - s) === b.slice(b.length - s - CHUNK, b.length - s)) s += CHUNK;
  while (s < max && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return s;
}

function movedRuns(insts: DockerfileModel['instructions'], from: number, to: number, delta: number): Map<Instruction, { run: RunInfo; delta: number }> {
  const out = new Map<Instruction, { run: RunInfo; delta: number }>();
  for (let i = from; i < to; i++) {
    const run = insts[i]!.run;
    if (run) out.set(insts[i]!.node, { run, delta });
  }
  return out;
}

/** The RUN info of a node the last model had, moved to where the node is now; null when it must be read again (another shell). */
export function movedRun(parsed: ParsedText, node: Instruction, shell: string[]): RunInfo | null {
  const r = parsed.moved?.get(node);
  if (!r) return null;
  const was = r.run.shell;
  if (was.length !== shell.length || was.some((w, k) => w !== shell[k])) return null;
  if (r.delta === 0) return r.run;
  const run = r.run;
  // Every field written out: a spread of this object is several times slower, and every RUN after an edit is
  // moved at each keystroke (`Listed` stops the build when RunInfo gains a field this does not list).
  return { form: run.form, flags: run.flags, mounts: run.mounts, shell: run.shell, posix: run.posix, script: run.script && shiftScript(run.script, r.delta), bodyStart: run.bodyStart + r.delta, bodyEnd: run.bodyEnd + r.delta };
}

/** `true` only while `movedRun` lists every field of RunInfo. */
type Listed = Exclude<keyof RunInfo, 'form' | 'flags' | 'mounts' | 'shell' | 'posix' | 'script' | 'bodyStart' | 'bodyEnd'> extends never ? true : never;
const listed: Listed = true;
void listed;
