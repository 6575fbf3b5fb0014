import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Offsets ↔ LSP positions for one text. Line breaks are `\r\n`, `\n` and a lone `\r`, as in LSP and in
 * dockerfile-ast; characters are UTF-16 code units, which is what JavaScript string indices count.
 */
export class LineTable {
  readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    // Most texts have no `\r`: then every line starts after a `\n`, found by the string search (far cheaper than a
    // loop over every character while the loop is not yet optimised, as in a short CLI run).
    if (text.indexOf('\r') < 0) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line]!;
    const end = this.lineEndOffset(pos.line);
    return Math.min(Math.max(start + pos.character, start), end);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset of the end of the line's content, before its line break. */
  lineEndOffset(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    const start = this.starts[line];
    if (start === undefined) return '';
    return this.text.slice(start, this.lineEndOffset(line));
  }

  /** The line break that ends `line` ('' for the last line). */
  lineBreak(line: number): string {
    const next = this.starts[line + 1];
    if (next === undefined) return '';
    return this.text.slice(this.lineEndOffset(line), next);
  }
}

/**
 * The line ending most used in the text (a lone `\r` counts too); `\n` when there is none. With the text's
 * line table, the line breaks are read where its lines start instead of by a pass over every character.
 */
export function dominantEol(text: string, lines?: LineTable): '\n' | '\r\n' | '\r' {
  // Without a `\r` there is no CRLF and no lone CR: `\n` either way.
  if (text.indexOf('\r') < 0) return '\n';
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  if (lines !== undefined) {
    const starts = lines.starts;
    for (let k = 1; k < starts.length; k++) {
      const s = starts[k]!;
      if (text.charCodeAt(s - 1) === 13 /* \r */) cr++;
      else if (text.charCodeAt(s - 2) === 13) crlf++;
      else lf++;
    }
    return eolOf(crlf, lf, cr);
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10 /* \n */) lf++;
  }
  return eolOf(crlf, lf, cr);
}

function eolOf(crlf: number, lf: number, cr: number): '\n' | '\r\n' | '\r' {
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

export function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character || a.end.line - b.end.line || a.end.character - b.end.character;
}

/**
 * A message for a place that shows text as it is (VS Code's Problems view, a terminal, CI annotations):
 * Markdown code spans (`apt-get update`) become quoted ("apt-get update", or 'a "b"' when the span holds a
 * double quote), so no literal backticks show. Hovers and SARIF's markdown keep the original.
 */
export function plainMessage(message: string): string {
  return message.replace(/`([^`\n]+)`/g, (_, code: string) => (code.includes('"') ? `'${code}'` : `"${code}"`));
}
