import { Argument } from 'dockerfile-ast';
import type { Position, Range } from 'vscode-languageserver-types';

/**
 * dockerfile-ast's argument scan (Instruction.getRawArguments, 0.7.1), step for step, over the text after an
 * instruction's keyword, except that a word's value is cut from the text in runs instead of grown one
 * character at a time, that a word's range is made when it is first read, and that the scan can stop after
 * the words a caller needs (model/astMemo.ts keeps the words on the instruction).
 */

/** What the scan reads of a document. */
export interface ScanDocument {
  offsetAt(p: Position): number;
  positionAt(offset: number): Position;
}

/**
 * The scan of `fullArgs` (the text after the keyword, at document offset `offset`): its words, or its first
 * words, up to the `limit`th or to the first whose value `stop` accepts. (No closures: it runs for every
 * instruction, and each closure would be an allocation per call.)
 */
export function scanWords(document: ScanDocument, fullArgs: string, offset: number, escapeChar: string, limit: number, stop: ((value: string) => boolean) | null): Argument[] {
  const args: Argument[] = [];
  const n = fullArgs.length;
  const ESC = escapeChar.charCodeAt(0);
  let start = false;
  let comment = false;
  let found = -1;
  let escapedWhitespaceDetected = false;
  let escaping = false;
  let escapeMarker = -1;
  // The word's value so far: `done`, then the text from runStart to runEnd (not yet cut).
  let done = '';
  let runStart = -1;
  let runEnd = -1;
  // A word ends at `end`: value, push, and whether to stop.
  let end = -1;
  let from = 0;
  for (let i = 0; i < n; i++) {
    // Character codes: space 32, tab 9, CR 13, LF 10, `$` 36, `#` 35.
    const char = fullArgs.charCodeAt(i);
    end = -1;
    from = -1;
    if (char === 32 || char === 9 || char === 13 || char === 10) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (char === 13 || char === 10) {
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        end = escapeMarker === -1 ? i : escapeMarker;
        escapeMarker = -1;
      }
    } else if (char === ESC) {
      // -1: the end of the text.
      const next = i + 1 < n ? fullArgs.charCodeAt(i + 1) : -1;
      if (next === 32 || next === 9) {
        for (let j = i + 2; j < n; j++) {
          const c = fullArgs.charCodeAt(j);
          if (c === 32 || c === 9) continue;
          if (c === 13 || c === 10) {
            // (dockerfile-ast steps over the `\n` of a `\r\n` too, and over whatever follows a lone `\r`.)
            if (c === 13) j++;
            comment = false;
            escaping = true;
            start = true;
            if (found !== -1) escapeMarker = i;
            i = j;
          } else {
            escapeMarker = i;
            if (found === -1) i = j - 1;
          }
          break;
        }
        continue;
      } else if (next === 13) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
        continue;
      } else if (next === 10) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
        continue;
      } else {
        // The word before ends at its escape marker; this escaped character starts or continues a word.
        if (escapedWhitespaceDetected && escapeMarker !== -1) end = escapeMarker;
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === -1) {
          if (end === -1) break;
        } else {
          from = next === 36 ? i : i + 1;
        }
      }
    } else if (!comment) {
      if (start && char === 35) {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) end = escapeMarker;
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        from = i;
      }
      start = false;
    } else {
      continue;
    }
    if (end !== -1) {
      const value = runStart >= 0 ? done + fullArgs.slice(runStart, runEnd) : done;
      args.push(new ScannedArgument(value, document, offset + found, offset + end));
      done = '';
      runStart = -1;
      found = -1;
      if (args.length >= limit || (stop !== null && stop(value))) return args;
      if (from === -1 && char === ESC) break; // (the escape character at the very end)
    }
    if (from !== -1) {
      // The text from `from` to the character after `i` joins the word's value.
      const to = i + (char === ESC ? 2 : 1);
      if (runStart >= 0 && runEnd === from) {
        runEnd = to;
      } else {
        if (runStart >= 0) done += fullArgs.slice(runStart, runEnd);
        runStart = from;
        runEnd = to;
      }
      if (found === -1) found = i;
      if (char === ESC) i++;
    }
  }
  if (found !== -1) {
    const value = runStart >= 0 ? done + fullArgs.slice(runStart, runEnd) : done;
    args.push(new ScannedArgument(value, document, offset + found, offset + (escapeMarker === -1 ? n : escapeMarker)));
  }
  return args;
}

/** Stands for the range until it is asked for (Argument's constructor sets one). */
const PENDING = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } satisfies Range;

/**
 * A word whose range is worked out when first read: a long RUN has hundreds of words and the model reads
 * the range of two of them (the first and the last), so that the positions of the others are never made.
 * The range is what `Range.create(positionAt(start), positionAt(end))` gives, as in dockerfile-ast.
 */
export class ScannedArgument extends Argument {
  /** The range once made (`range`, below, reads and writes it). */
  made: Range | undefined = undefined;

  constructor(
    value: string,
    readonly doc: ScanDocument,
    readonly from: number,
    readonly to: number,
  ) {
    super(value, PENDING);
  }
}

Object.defineProperty(ScannedArgument.prototype, 'range', {
  get(this: ScannedArgument): Range {
    return (this.made ??= { start: this.doc.positionAt(this.from), end: this.doc.positionAt(this.to) });
  },
  set(this: ScannedArgument, range: Range) {
    if (range !== PENDING) this.made = range;
  },
});

