import type { DockerfileModel, Inst } from './model.js';

/** Every Dockerfile instruction keyword (BuildKit's list, MAINTAINER included). */
const KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/**
 * A line continuation (`\`, or the escape directive's character) followed by blank lines, after which the
 * builder goes on reading the instruction: comment and blank lines inside a continuation are skipped, so
 * the next line, meant as an instruction of its own, becomes part of this one.
 */
export interface SwallowedInstruction {
  /** Offset of the escape character that continues the line. */
  escape: number;
  /** Start of the text to delete to end the instruction there: the escape and the blanks before it. */
  trimStart: number;
  /** 0-based line of the swallowed instruction. */
  line: number;
  /** Its keyword as written. */
  keyword: string;
  /** Its text, whitespace trimmed. */
  text: string;
}

/**
 * Whether the text has a line that ends with the escape character (blanks after it aside) and a blank line right
 * after it: without one no instruction swallows another, and `swallowedInstructions` need not read any line.
 */
export function hasContinuationBeforeBlankLine(model: DockerfileModel): boolean {
  const pattern = model.escapeChar === '\\' ? BACKSLASH_THEN_BLANK_LINE : escapeThenBlankLine(model.escapeChar);
  return pattern.test(model.text);
}

/** The escape, blanks, a line break, a line of nothing but white space, and its line break (`\S` as `trim()` has it). */
const escapeThenBlankLine = (escape: string): RegExp =>
  new RegExp(escape.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&') + String.raw`[ \t]*(?:\r\n?|\n)[^\S\r\n]*[\r\n]`);
const BACKSLASH_THEN_BLANK_LINE = escapeThenBlankLine('\\');

/**
 * The instructions an instruction swallows through a continuation over a blank line. A line counts as an
 * instruction when it starts with a keyword followed by a blank or the end of the line: in upper case at
 * any indentation, in any case at the start of the line (an indented `env X=1 make` is a shell command).
 */
export function swallowedInstructions(model: DockerfileModel, inst: Inst): SwallowedInstruction[] {
  const { lines, escapeChar, text: doc } = model;
  const out: SwallowedInstruction[] = [];
  const last = inst.range.end.line;
  for (let l = inst.range.start.line; l < last; l++) {
    // The line without its trailing blanks, read in place: most lines of a long RUN end with a continuation,
    // and very few with one followed by a blank line.
    const lineStart = lines.starts[l]!;
    let end = lines.lineEndOffset(l);
    while (end > lineStart && (doc.charCodeAt(end - 1) === 32 || doc.charCodeAt(end - 1) === 9)) end--;
    if (end === lineStart || doc[end - 1] !== escapeChar || (end - 2 >= lineStart && doc[end - 2] === escapeChar)) continue;
    // The continuation must be followed by at least one blank line (`\S`: what `trim()` keeps).
    if (l + 1 > last || !blankLine(model, l + 1)) continue;
    const trimmed = doc.slice(lineStart, end);
    let next = l + 1;
    while (next <= last && (lines.lineText(next).trim() === '' || /^\s*#/.test(lines.lineText(next)))) next++;
    if (next > last) break;
    const nextText = lines.lineText(next);
    const m = /^(\s*)([A-Za-z]+)(?=\s|$)/.exec(nextText);
    if (m && KEYWORDS.has(m[2]!.toUpperCase()) && (m[1] === '' || m[2] === m[2]!.toUpperCase())) {
      const escape = lines.starts[l]! + trimmed.length - 1;
      const before = trimmed.slice(0, -1);
      const kept = before.replace(/[ \t]+$/, '');
      out.push({ escape, trimStart: lines.starts[l]! + kept.length, line: next, keyword: m[2]!, text: nextText.trim() });
    }
    l = next - 1;
  }
  return out;
}

/**
 * The line holds whitespace only (what `trim()` removes). Read in place: the line after a continuation almost
 * always starts, after spaces and tabs, with a printable ASCII character, which settles it without a copy of the
 * line; anything else is left to the regular expression.
 */
function blankLine(model: DockerfileModel, l: number): boolean {
  const { lines, text } = model;
  const end = lines.lineEndOffset(l);
  let k = lines.starts[l]!;
  while (k < end && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  if (k === end) return true;
  const c = text.charCodeAt(k);
  if (c > 32 && c < 127) return false;
  return !/\S/.test(lines.lineText(l));
}
