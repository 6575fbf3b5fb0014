import type { TextEdit } from 'vscode-languageserver-types';
import type { ModifiableInstruction, Run } from 'dockerfile-ast';
import { heredocsOf, type DockerfileModel, type Inst, type RunInfo } from './model/model.js';
import { wholeLinesSpan } from './model/order.js';
import { type ShellCommand, type ShellWord } from './model/shell.js';
import { logicalShellText } from './model/shellText.js';

/** Longest line a one-line RUN may grow to before an appended command moves to its own line. */
const MAX_ONE_LINE = 100;

export function insertAt(model: DockerfileModel, offset: number, text: string): TextEdit {
  const p = model.lines.positionAt(offset);
  return { range: { start: p, end: p }, newText: text };
}

export function replaceSpan(model: DockerfileModel, start: number, end: number, text: string): TextEdit {
  return { range: model.lines.range(start, end), newText: text };
}

/**
 * Appends a shell command to the end of a RUN so it runs in the same layer, in the layout the RUN already
 * uses: on the same line when short, else on a continuation line with the RUN's own indentation and its
 * operator style (`&& cmd` leading, `&& \` trailing, or `;` lists). Returns null where no edit would be
 * sound (a heredoc fed to another command, a non-POSIX shell, a script the shell parser could not read: an
 * unterminated quote would swallow the appended command).
 */
export function appendToRun(model: DockerfileModel, inst: Inst & { run: RunInfo }, command: string): TextEdit[] | null {
  const { run } = inst;
  const script = run.script;
  if (!script || !run.posix || script.hasError) return null;
  const { lines, text, escapeChar } = model;
  if (run.form === 'exec') {
    const last = script.commands[script.commands.length - 1];
    // Only `["sh", "-c", "…"]` has a script to extend.
    if (!last || last.json) return null;
    const closing = text.indexOf('"', script.codeEnd);
    if (closing < 0) return null;
    return [insertAt(model, script.codeEnd, JSON.stringify(` && ${command}`).slice(1, -1))];
  }
  if (run.form === 'heredoc') {
    const heredoc = heredocsOf(inst.node as Run)[0];
    const delimiter = heredoc?.getDelimiterRange();
    if (!heredoc || !delimiter) return null;
    // Only when the heredoc is the script itself (`RUN <<EOF`): the script then starts inside the content.
    const contentStartLine = heredoc.getContentRange()?.start.line;
    if (contentStartLine === undefined || lines.positionAt(script.codeStart).line < contentStartLine) return null;
    const delimLine = delimiter.start.line;
    let indent = '';
    for (let l = delimLine - 1; l >= contentStartLine; l--) {
      const t = lines.lineText(l);
      if (t.trim() !== '') {
        indent = /^[ \t]*/.exec(t)![0];
        break;
      }
    }
    const eol = lines.lineBreak(delimLine - 1) || model.eol;
    return [insertAt(model, lines.starts[delimLine]!, `${indent}${command}${eol}`)];
  }

  const at = script.codeEnd;
  const lastStatement = script.statements[script.statements.length - 1];
  const after = lastStatement?.after ?? '';
  const semicolonStyle = script.statements.length > 1 && script.statements.slice(0, -1).every((s) => s.after === ';');
  let joiner: string;
  if (after === '&' || after === ';') joiner = '';
  else if (semicolonStyle) joiner = ';';
  else joiner = ' &&';

  const atLine = lines.positionAt(at).line;
  const firstLine = inst.range.start.line;
  const eol = lines.lineBreak(firstLine) || model.eol;
  if (atLine === firstLine) {
    const lineEnd = lines.lineEndOffset(atLine);
    const oneLine = `${joiner}${joiner === '' ? ' ' : ' '}${command}`;
    if (lineEnd - lines.starts[atLine]! + oneLine.length <= MAX_ONE_LINE) return [insertAt(model, at, oneLine)];
    const op = joiner === ' &&' ? '&& ' : '';
    return [insertAt(model, at, `${joiner === ';' ? ';' : ''} ${escapeChar}${eol}    ${op}${command}`)];
  }
  // Continuation lines of this RUN up to the insertion point: their layout decides the new line's.
  const continuation: string[] = [];
  for (let l = firstLine + 1; l <= atLine; l++) {
    const t = lines.lineText(l);
    if (t.trim() !== '' && !t.trim().startsWith('#')) continuation.push(t);
  }
  const leading = continuation.filter((t) => /^[ \t]*(&&|\|\|)/.test(t));
  if (joiner === ' &&' && leading.length > 0) {
    const indent = /^[ \t]*/.exec(leading[leading.length - 1]!)![0];
    return [insertAt(model, at, ` ${escapeChar}${eol}${indent}&& ${command}`)];
  }
  const indents = continuation.map((t) => /^[ \t]*/.exec(t)![0]);
  const indent = indents.reduce((a, b) => (b.length < a.length ? b : a), indents[0] ?? '    ');
  return [insertAt(model, at, `${joiner} ${escapeChar}${eol}${indent}${command}`)];
}

/** Inserts an argument right after a word of a command (e.g. an option after `install`). */
export function insertArgAfter(model: DockerfileModel, cmd: ShellCommand, word: ShellWord, arg: string): TextEdit {
  if (cmd.json) return insertAt(model, word.end, `, ${JSON.stringify(arg)}`);
  return insertAt(model, word.end, ` ${arg}`);
}

/** Inserts a flag (`--chmod=755`) into a COPY or ADD, after its other flags. */
export function addCopyFlag(model: DockerfileModel, inst: Inst, flag: string): TextEdit {
  const flags = (inst.node as ModifiableInstruction).getFlags?.() ?? [];
  const last = flags[flags.length - 1];
  const at = last ? model.lines.offsetAt(last.getRange().end) : model.lines.offsetAt(inst.node.getInstructionRange().end);
  return replaceSpan(model, at, at, ` ${flag}`);
}

// ---------------------------------------------------------------------------------------------------------
// Taking a command out of a RUN

interface Element {
  start: number;
  end: number;
  commands: ShellCommand[];
  /** The operator after it: `&&`, `||`, `;`, `&`, a line break, or '' at the end. */
  after: string;
}

const TRIVIAL = new Set(['set', 'true', ':']);

/**
 * The edit that removes one command from a RUN: the whole instruction (its lines) when nothing but `set`,
 * `true` or `:` would be left, else the command and the `&&` or `;` that joins it to its neighbour. Null
 * when that cannot be done cleanly: the command is part of a pipeline, a condition, a loop or an `||`
 * chain, a comment line sits in the text that would go, or the script could not be read.
 */
export function removeCommand(model: DockerfileModel, inst: Inst & { run: RunInfo }, cmd: ShellCommand): TextEdit | null {
  const { run } = inst;
  const script = run.script;
  if (!script || script.hasError || cmd.nested) return null;
  const elements = elementsOf(model, run);
  const index = elements.findIndex((e) => e.commands.length === 1 && e.commands[0] === cmd && e.start === cmd.start && e.end === cmd.end);
  if (index < 0) return null;
  const others = elements.filter((_, i) => i !== index);
  const trivial = (e: Element): boolean => e.commands.length === 1 && e.commands[0]!.start === e.start && e.commands[0]!.end === e.end && TRIVIAL.has(e.commands[0]!.name ?? '');
  if (others.every(trivial)) {
    const span = wholeLinesSpan(model, inst);
    return span ? replaceSpan(model, span.start, span.end, '') : null;
  }
  if (cmd.json) return null;
  const e = elements[index]!;
  const prev = elements[index - 1];
  const next = elements[index + 1];
  const joins = (op: string): boolean => op === '&&' || op === ';' || op === '\n';
  if (!joins(e.after) && e.after !== '') return null;
  let start: number;
  let end: number;
  if (prev) {
    if (!joins(prev.after)) return null;
    start = prev.end;
    end = e.end;
  } else {
    if (!next || !joins(e.after)) return null;
    start = e.start;
    end = next.start;
  }
  const removed = model.text.slice(start, end);
  if (removed.split(/\r\n|\r|\n/).slice(1).some((l) => l.trimStart().startsWith('#'))) return null;
  return replaceSpan(model, start, end, '');
}

/** The top-level pieces of a script: statements, with plain `&&`/`||` chains split into their commands. */
function elementsOf(model: DockerfileModel, run: RunInfo): Element[] {
  const script = run.script!;
  const logical = run.form === 'shell' ? logicalShellText(model.text.slice(run.bodyStart, run.bodyEnd), model.escapeChar) : null;
  const at = (start: number, end: number): string => (logical === null ? model.text.slice(start, end) : logical.slice(start - run.bodyStart, end - run.bodyStart));
  const out: Element[] = [];
  for (const s of script.statements) {
    const inner = script.commands.filter((c) => !c.nested && c.start >= s.start && c.end <= s.end);
    const gaps = inner.slice(1).map((c, i) => at(inner[i]!.end, c.start).trim());
    const chain =
      s.type === 'list' && inner.length > 1 && inner[0]!.start === s.start && inner[inner.length - 1]!.end === s.end && gaps.every((g) => g === '&&' || g === '||');
    if (chain) inner.forEach((c, i) => out.push({ start: c.start, end: c.end, commands: [c], after: i < gaps.length ? gaps[i]! : normalOp(s.after) }));
    else out.push({ start: s.start, end: s.end, commands: inner, after: normalOp(s.after) });
  }
  // Statements on lines of their own (a heredoc script) are separated by line breaks the parser does not list.
  for (let i = 0; i < out.length - 1; i++) if (out[i]!.after === '') out[i]!.after = '\n';
  return out;
}

function normalOp(op: string): string {
  return op === '\r\n' || op === '\r' ? '\n' : op;
}
