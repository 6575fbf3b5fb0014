import { Argument, Instruction, ModifiableInstruction } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser.js';
import type { Position, Range } from 'vscode-languageserver-types';

/**
 * dockerfile-ast scans an instruction's text again on every `getArguments()` call (and its own constructors,
 * `getFlags()`, `getArgumentsRange()`, `getRawArgumentsContent()` call it several times each), building a
 * fresh Argument, and two document positions, per word. An instruction's text never changes after parsing,
 * so the scan is kept on the instruction after the first call; each caller still gets its own array, since
 * dockerfile-ast itself shifts flags off the array it gets. This halves the parse of a long RUN.
 *
 * The engine imports this module for its side effect before it parses anything.
 */
const SCANNED = Symbol('dockerfile-slim.rawArguments');
const PATCHED = Symbol('dockerfile-slim.rawArgumentsPatched');

interface Scanned {
  [SCANNED]?: Argument[];
}

interface RawArguments {
  getRawArguments(this: Instruction & Scanned): Argument[];
  [PATCHED]?: true;
}

const proto = Instruction.prototype as unknown as RawArguments;
const scan = proto.getRawArguments;
if (typeof scan === 'function' && proto[PATCHED] === undefined) {
  proto[PATCHED] = true;
  proto.getRawArguments = function getRawArguments(this: Instruction & Scanned): Argument[] {
    let args = this[SCANNED];
    if (args === undefined) {
      args = scanArguments(this);
      this[SCANNED] = args;
    }
    return args.slice();
  };
}

/**
 * A flagged instruction's arguments (`ModifiableInstruction.getArguments`: its words less its flags) are worked
 * out again on every call, a copy of all the words and one `shift` per flag; the engine asks for them many
 * times per RUN, COPY and FROM. Once `getFlags()` has finished (it calls `getArguments()` itself while it reads
 * the flags, and those calls must see what they see now), the answer is kept on the instruction, and each
 * caller gets its own copy of it.
 */
const STRIPPED = Symbol('dockerfile-slim.arguments');
const FLAGS_READ = Symbol('dockerfile-slim.flagsRead');
const READING_FLAGS = Symbol('dockerfile-slim.readingFlags');

interface Stripped {
  [STRIPPED]?: Argument[];
  [FLAGS_READ]?: true;
  [READING_FLAGS]?: boolean;
}

interface FlagArguments {
  getArguments(this: ModifiableInstruction & Stripped): Argument[];
  getFlags(this: ModifiableInstruction & Stripped): unknown[];
  [PATCHED]?: true;
}

const modifiable = ModifiableInstruction.prototype as unknown as FlagArguments;
const strip = modifiable.getArguments;
const readFlags = modifiable.getFlags;
// (Own property: the prototype inherits Instruction.prototype's mark.)
if (typeof strip === 'function' && typeof readFlags === 'function' && !Object.prototype.hasOwnProperty.call(modifiable, PATCHED)) {
  modifiable[PATCHED] = true;
  modifiable.getFlags = function getFlags(this: ModifiableInstruction & Stripped): unknown[] {
    // The call getFlags makes through getArguments returns the flags read so far: not yet the end.
    if (this[READING_FLAGS] === true) return readFlags.call(this);
    this[READING_FLAGS] = true;
    try {
      return readFlags.call(this);
    } finally {
      this[READING_FLAGS] = false;
      this[FLAGS_READ] = true;
    }
  };
  modifiable.getArguments = function getArguments(this: ModifiableInstruction & Stripped): Argument[] {
    const kept = this[STRIPPED];
    if (kept !== undefined) return kept.slice();
    const args = strip.call(this);
    if (this[FLAGS_READ] === true) this[STRIPPED] = args.slice();
    return args;
  };
}

/** dockerfile-ast's own `getArguments` and `getFlags` of a flagged instruction, for the test that compares. */
export const flagArguments = {
  getArguments: (inst: Instruction): Argument[] => strip.call(inst as ModifiableInstruction),
  getFlags: (inst: Instruction): unknown[] => readFlags.call(inst as ModifiableInstruction),
};

/** What the scan reads of an instruction (dockerfile-ast's fields). */
interface ScanInput {
  readonly document: { offsetAt(p: Position): number; positionAt(offset: number): Position };
  readonly escapeChar: string;
  getInstructionRange(): Range;
  getTextContent(): string;
}

/**
 * dockerfile-ast's argument scan (Instruction.getRawArguments, 0.7.1), step for step, except that a word's
 * value is cut from the text in runs instead of grown one character at a time: the scan of a long RUN was
 * the parser's largest cost. Same words, same values, same ranges (test/engine/astMemo.test.ts compares the
 * two on generated instructions); any other escape character than one character goes to the original.
 */
function scanArguments(inst: Instruction): Argument[] {
  const self = inst as unknown as ScanInput;
  const escapeChar = self.escapeChar;
  if (typeof escapeChar !== 'string' || escapeChar.length !== 1) return scan!.call(inst as Instruction & Scanned);
  const document = self.document;
  const args: Argument[] = [];
  const range = self.getInstructionRange();
  const extra = document.offsetAt(range.end) - document.offsetAt(range.start);
  const fullArgs = self.getTextContent().substring(extra);
  const offset = document.offsetAt(range.start) + extra;
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
  const take = (from: number, to: number): void => {
    if (runStart >= 0 && runEnd === from) {
      runEnd = to;
      return;
    }
    if (runStart >= 0) done += fullArgs.slice(runStart, runEnd);
    runStart = from;
    runEnd = to;
  };
  const push = (end: number): void => {
    const value = runStart >= 0 ? done + fullArgs.slice(runStart, runEnd) : done;
    args.push(new ScannedArgument(value, document, offset + found, offset + end));
    done = '';
    runStart = -1;
  };
  for (let i = 0; i < n; i++) {
    // Character codes: space 32, tab 9, CR 13, LF 10, `$` 36, `#` 35.
    const char = fullArgs.charCodeAt(i);
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
        push(escapeMarker === -1 ? i : escapeMarker);
        escapeMarker = -1;
        found = -1;
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
      } else if (next === 13) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === 10) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(escapeMarker);
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === 36) take(i, i + 2);
        else if (next === -1) break;
        else take(i + 1, i + 2);
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === 35) {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(escapeMarker);
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        take(i, i + 1);
        if (found === -1) found = i;
      }
      start = false;
    }
  }
  if (found !== -1) push(escapeMarker === -1 ? n : escapeMarker);
  return args;
}

/** Stands for the range until it is asked for (Argument's constructor sets one). */
const PENDING = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } satisfies Range;

/**
 * A word whose range is worked out when first read: a long RUN has hundreds of words and the model reads
 * the range of two of them (the first and the last), so that the positions of the others are never made.
 * The range is what `Range.create(positionAt(start), positionAt(end))` gives, as in dockerfile-ast.
 */
class ScannedArgument extends Argument {
  /** The range once made (`range`, below, reads and writes it). */
  made: Range | undefined = undefined;

  constructor(
    value: string,
    readonly doc: ScanInput['document'],
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

/** The two scans, for the test that compares them. */
export const argumentScans = {
  original: (inst: Instruction): Argument[] => scan!.call(inst as Instruction & Scanned),
  fast: scanArguments,
};

/**
 * dockerfile-ast's parser builds every instruction that has arguments twice: once, thrown away, only to ask
 * whether one of its arguments opens a heredoc (`<<EOF`), and once to keep. Building one scans its arguments
 * and makes positions for each word, a good part of the whole parse. An argument can only start with `<<` if
 * the instruction's text has two `<` in it (escapes only remove characters), so for any other instruction
 * the throw-away build is replaced with an object whose keyword asks for no heredoc scan.
 */
interface ParserInternals {
  buffer: string;
  [IN_ARGUMENTS]?: boolean;
  processArguments(this: ParserInternals, ...args: unknown[]): number;
  createInstruction(this: ParserInternals, dockerfile: unknown, instruction: string, start: number, instructionEnd: number, end: number): unknown;
  [PATCHED]?: true;
}

const IN_ARGUMENTS = Symbol('dockerfile-slim.inArguments');
/** What dockerfile-ast's heredoc check reads of an instruction: a keyword that has no heredocs. */
const NO_HEREDOC = { getKeyword: (): string => '' };

const parserProto = Parser.prototype as unknown as ParserInternals;
const processArguments = parserProto.processArguments;
const createInstruction = parserProto.createInstruction;
if (typeof processArguments === 'function' && typeof createInstruction === 'function' && parserProto[PATCHED] === undefined) {
  parserProto[PATCHED] = true;
  parserProto.processArguments = function (this: ParserInternals, ...args: unknown[]): number {
    this[IN_ARGUMENTS] = true;
    try {
      return processArguments.apply(this, args);
    } finally {
      this[IN_ARGUMENTS] = false;
    }
  };
  parserProto.createInstruction = function (this: ParserInternals, dockerfile, instruction, start, instructionEnd, end): unknown {
    if (this[IN_ARGUMENTS] === true && !twoLessThans(this.buffer, start, end)) return NO_HEREDOC;
    return createInstruction.call(this, dockerfile, instruction, start, instructionEnd, end);
  };
}

/** Whether `text` has two `<` between `start` and `end` (a bounded scan: `indexOf` would read on to the end). */
function twoLessThans(text: string, start: number, end: number): boolean {
  let seen = 0;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 60 && ++seen === 2) return true;
  return false;
}
