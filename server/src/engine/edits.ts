import type { TextEdit } from 'vscode-languageserver-types';
import type { Run } from 'dockerfile-ast';
import { heredocsOf, type DockerfileModel, type Inst, type RunInfo } from './model/model.js';
import type { ShellCommand, ShellWord } from './model/shell.js';

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
