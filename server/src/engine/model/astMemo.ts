import { Argument, Instruction, ModifiableInstruction } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser.js';
import type { Range } from 'vscode-languageserver-types';
import type { LineTable } from '../text.js';
import { ScannedArgument, scanWords, type ScanDocument } from './argumentScan.js';

/**
 * dockerfile-ast scans an instruction's text again on every `getArguments()` call (and its own constructors,
 * `getFlags()`, `getArgumentsRange()`, `getRawArgumentsContent()` call it several times each), building a
 * fresh Argument, and two document positions, per word. An instruction's text never changes after parsing,
 * so the scan is kept on the instruction after the first call; each caller still gets its own array, since
 * dockerfile-ast itself shifts flags off the array it gets. This halves the parse of a long RUN. A caller that
 * needs only the first words (the flags, the first argument: `firstArgument`) gets a scan that stops after
 * them, and the whole scan, if asked for later, keeps those words.
 *
 * The engine imports this module for its side effect before it parses anything.
 */
const SCANNED = Symbol('dockerfile-slim.rawArguments');
const LEADING = Symbol('dockerfile-slim.leadingArguments');
const PATCHED = Symbol('dockerfile-slim.rawArgumentsPatched');

interface Scanned {
  [SCANNED]?: Argument[];
  /** The first words, from a scan that stopped early (the model often needs only the first one). */
  [LEADING]?: Argument[];
}

interface RawArguments {
  getRawArguments(this: Instruction & Scanned): Argument[];
  getRawArgumentsContent(this: Instruction): string | null;
  getKeyword(this: Instruction): string;
  [PATCHED]?: true;
}

const proto = Instruction.prototype as unknown as RawArguments;
/** Dockerfile keywords in upper case (`getKeyword` answers these as written: one lookup, not a new string). */
const UPPER_KEYWORDS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);
const scan = proto.getRawArguments;
const rawContent = proto.getRawArgumentsContent;
if (typeof scan === 'function' && typeof rawContent === 'function' && proto[PATCHED] === undefined) {
  proto[PATCHED] = true;
  proto.getRawArguments = function getRawArguments(this: Instruction & Scanned): Argument[] {
    return allWords(this).slice();
  };
  proto.getRawArgumentsContent = function getRawArgumentsContent(this: Instruction): string | null {
    if (shellForm) {
      // The call JSONInstruction's constructor makes: null ends it, as for an instruction without arguments.
      shellForm = false;
      return null;
    }
    return rawContent.call(this);
  };
  // dockerfile-ast upper-cases the keyword as written on every call (a new string each time; the parse, the
  // model and dockerfile-ast's own stage bookkeeping ask for it several times per instruction). Most keywords
  // are written in upper case: those are the answer as they are.
  proto.getKeyword = function getKeyword(this: Instruction): string {
    const written = this.getInstruction();
    return UPPER_KEYWORDS.has(written) ? written : written.toUpperCase();
  };
}

/** Every word of the instruction (the scan kept on it; the first words are those a scan that stopped early made). */
function allWords(inst: Instruction & Scanned): Argument[] {
  let args = inst[SCANNED];
  if (args === undefined) {
    args = scanArguments(inst, Infinity);
    const leading = inst[LEADING];
    if (leading !== undefined) for (let k = 0; k < leading.length && k < args.length; k++) args[k] = leading[k]!;
    inst[SCANNED] = args;
    inst[LEADING] = undefined;
  }
  return args;
}

/** The word at index `k` of the instruction (as `getRawArguments()[k]`), scanning no further than it needs. */
function rawWord(inst: Instruction & Scanned, k: number): Argument | undefined {
  const all = inst[SCANNED];
  if (all !== undefined) return all[k];
  let leading = inst[LEADING];
  if (leading === undefined || k >= leading.length) {
    const limit = Math.max(k + 1, 2 * (leading?.length ?? 2));
    const words = scanArguments(inst, limit);
    if (words.length < limit) {
      if (leading !== undefined) for (let j = 0; j < leading.length; j++) words[j] = leading[j]!;
      inst[SCANNED] = words;
      inst[LEADING] = undefined;
      return words[k];
    }
    if (leading !== undefined) for (let j = 0; j < leading.length; j++) words[j] = leading[j]!;
    inst[LEADING] = leading = words;
  }
  return leading[k];
}

/** The words of the instruction one at a time, scanned as they are asked for. */
function* lazyWords(inst: Instruction & Scanned): Generator<Argument> {
  for (let k = 0; ; k++) {
    const word = rawWord(inst, k);
    if (word === undefined) return;
    yield word;
  }
}

/**
 * A flagged instruction's arguments (`ModifiableInstruction.getArguments`: its words less its flags) are worked
 * out again on every call, a copy of all the words and one `shift` per flag; the engine asks for them many
 * times per RUN, COPY and FROM. They are kept on the instruction, and each caller gets its own copy. Its flags
 * (`getFlags`, dockerfile-ast's own, kept by it) are read from the words as they are scanned: reading them
 * stops at the first word that ends the flags, so that a long RUN's words are not all scanned to read its
 * `--mount`s.
 */
const STRIPPED = Symbol('dockerfile-slim.arguments');
const FLAGS_READ = Symbol('dockerfile-slim.flagsRead');
const READING_FLAGS = Symbol('dockerfile-slim.readingFlags');

interface Stripped {
  [STRIPPED]?: Argument[];
  [FLAGS_READ]?: true;
  [READING_FLAGS]?: boolean;
}

/** dockerfile-ast's own field: the flags read so far (set when getFlags starts reading). */
const flagsSoFar = (inst: object): unknown[] | undefined => (inst as { flags?: unknown[] }).flags;

interface FlagArguments {
  getArguments(this: ModifiableInstruction & Stripped & Scanned): Argument[] | Iterable<Argument>;
  getFlags(this: ModifiableInstruction & Stripped): unknown[];
  [PATCHED]?: true;
}

// (The class read once: in the bundle, each read of an import from dockerfile-ast goes through a getter.)
const Modifiable = ModifiableInstruction;
const modifiable = Modifiable.prototype as unknown as FlagArguments;
const strip = modifiable.getArguments;
const readFlags = modifiable.getFlags;
// (Own property: the prototype inherits Instruction.prototype's mark.)
if (typeof strip === 'function' && typeof readFlags === 'function' && !Object.prototype.hasOwnProperty.call(modifiable, PATCHED)) {
  modifiable[PATCHED] = true;
  modifiable.getFlags = function getFlags(this: ModifiableInstruction & Stripped): unknown[] {
    // A read under way (dockerfile-ast's getFlags called directly, as the test that compares does) answers the
    // flags read so far: not yet the end.
    if (this[READING_FLAGS] === true || (flagsSoFar(this) !== undefined && this[FLAGS_READ] !== true)) return readFlags.call(this);
    // dockerfile-ast's getFlags reads `for (let arg of this.getArguments())`: while it reads, that is the words
    // as they are scanned.
    this[READING_FLAGS] = true;
    try {
      return readFlags.call(this);
    } finally {
      this[READING_FLAGS] = false;
      this[FLAGS_READ] = true;
    }
  };
  modifiable.getArguments = function getArguments(this: ModifiableInstruction & Stripped & Scanned): Argument[] | Iterable<Argument> {
    if (this[READING_FLAGS] === true) return lazyWords(this);
    const kept = this[STRIPPED];
    if (kept !== undefined) return kept.slice();
    const flags = (this as unknown as FlagArguments).getFlags.call(this).length;
    const args = allWords(this).slice(flags);
    if (this[FLAGS_READ] !== true) return args;
    this[STRIPPED] = args;
    return args.slice();
  };
}

/**
 * `inst.getArguments()[0]` (null for none), scanning only the words up to it: a RUN's first word after its
 * flags is where its command starts.
 */
export function firstArgument(inst: Instruction): Argument | null {
  const flags = inst instanceof Modifiable ? inst.getFlags().length : 0;
  return rawWord(inst, flags) ?? null;
}

/**
 * The offset in the text of `lines` where `arg` starts: the offset the scan found, for a word of a node made
 * over that line table (the lean parse's), else read from its range (which the word then need not make).
 */
export function argumentStart(arg: Argument, lines: LineTable): number {
  if (arg instanceof ScannedArgument && (arg.doc as { lines?: unknown }).lines === lines) return arg.from;
  return lines.offsetAt(arg.getRange().start);
}

/**
 * JSONInstruction's constructor (RUN, CMD, ENTRYPOINT, SHELL, COPY, ADD, VOLUME) reads the arguments as a JSON
 * array: it scans every word and cuts their text (`getRawArgumentsContent`), then stops at the first character
 * unless that is `[`, `]` or `\`. The lean parse knows that first character before it makes the node
 * (`makeJsonInstruction`); when the array scan would stop there, it makes the node with `withoutJsonScan`, and
 * the constructor's call to `getRawArgumentsContent` answers null, which ends it as for no arguments: the
 * brackets and JSON strings it leaves (none) are those it would have found.
 */
let shellForm = false;

/** `maker.construct()` (a JSONInstruction's constructor) with the constructor's JSON scan skipped (see above). */
function withoutJsonScan(maker: Maker): Instruction {
  shellForm = true;
  try {
    return maker.construct();
  } finally {
    shellForm = false;
  }
}

/** What makes the node: an object with a method rather than a closure per instruction (the parse makes thousands). */
export interface Maker {
  construct(): Instruction;
}

/** dockerfile-ast's constructor of an instruction class (as `Parser.createInstruction` calls it). */
type NodeClass = new (document: never, range: Range, dockerfile: never, escapeChar: string, instruction: string, instructionRange: Range) => Instruction;

/** The `Maker` of a parse: set for each node it makes, then `construct()` calls the node's class's constructor. */
export class NodeMaker implements Maker {
  private Class: NodeClass | null = null;
  private range: Range | null = null;
  private instructionRange: Range | null = null;
  private keyword = '';

  constructor(
    private readonly document: unknown,
    private readonly dockerfile: unknown,
    private readonly escapeChar: string,
  ) {}

  set(Class: NodeClass, range: Range, instructionRange: Range, keyword: string): this {
    this.Class = Class;
    this.range = range;
    this.instructionRange = instructionRange;
    this.keyword = keyword;
    return this;
  }

  construct(): Instruction {
    return new this.Class!(this.document as never, this.range!, this.dockerfile as never, this.escapeChar, this.keyword, this.instructionRange!);
  }
}

/**
 * A JSONInstruction node, made by `maker.construct()` (its class's constructor over the arguments `text[from, to)`,
 * `stopSearchingForFlags` its class's). JSONInstruction's scan can find a bracket or a string only when the
 * first argument after the flags starts with `[`, `]`, `\` or the escape character (which can make a word's
 * value start with `[`); otherwise the node is made without it. The words scanned to know (up to the one that
 * ends the flags) are kept on the node.
 */
export function makeJsonInstruction(stopSearchingForFlags: (value: string) => boolean, document: ScanDocument, text: string, from: number, to: number, escapeChar: string, maker: Maker): Instruction {
  if (escapeChar.length !== 1) return maker.construct();
  const words = scanWords(document, text.slice(from, to), from, escapeChar, Infinity, stopSearchingForFlags);
  const last = words[words.length - 1];
  const stopped = last !== undefined && stopSearchingForFlags(last.getValue());
  // As ModifiableInstruction.getFlags counts them: the words that start with `--` before the one that stops it.
  let flags = 0;
  for (let k = 0; k < words.length; k++) {
    const value = words[k]!.getValue();
    if (stopSearchingForFlags(value)) break;
    if (value.indexOf('--') === 0) flags++;
  }
  const first = words[flags] as ScannedArgument | undefined;
  const c = first === undefined ? -1 : text.charCodeAt(first.from);
  const mayFind = c === 91 /* [ */ || c === 93 /* ] */ || c === 92 /* \ */ || c === escapeChar.charCodeAt(0);
  const node = (mayFind ? maker.construct() : withoutJsonScan(maker)) as Instruction & Scanned;
  if (node[SCANNED] === undefined && node[LEADING] === undefined) {
    if (stopped) node[LEADING] = words;
    else node[SCANNED] = words;
  }
  return node;
}

/** dockerfile-ast's own `getArguments` and `getFlags` of a flagged instruction, for the test that compares. */
export const flagArguments = {
  getArguments: (inst: Instruction): Argument[] => strip.call(inst as ModifiableInstruction) as Argument[],
  getFlags: (inst: Instruction): unknown[] => readFlags.call(inst as ModifiableInstruction),
};

/**
 * The instruction's words, or its first `limit` words, by `scanWords` (argumentScan.ts): dockerfile-ast's
 * scan, step for step, whose value-by-value growth was the parser's largest cost. Same words, same values,
 * same ranges (test/engine/astMemo.test.ts compares the two on generated instructions); any other escape
 * character than one character goes to the original.
 */
function scanArguments(inst: Instruction, limit = Infinity): Argument[] {
  const self = inst as unknown as { readonly document: ScanDocument; readonly escapeChar: string; getInstructionRange(): Range; getTextContent(): string };
  const escapeChar = self.escapeChar;
  if (typeof escapeChar !== 'string' || escapeChar.length !== 1) return scan!.call(inst as Instruction & Scanned);
  const document = self.document;
  const range = self.getInstructionRange();
  const extra = document.offsetAt(range.end) - document.offsetAt(range.start);
  const fullArgs = self.getTextContent().substring(extra);
  return scanWords(document, fullArgs, document.offsetAt(range.start) + extra, escapeChar, limit, null);
}

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
