import { Instruction, type Argument } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser.js';

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
      args = scan.call(this);
      this[SCANNED] = args;
    }
    return args.slice();
  };
}

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
