/**
 * A lean whole-file parse of a Dockerfile: the same instruction nodes as `DockerfileParser.parse(text)`
 * (dockerfile-ast 0.7.1), found by a scan of our own.
 *
 * dockerfile-ast's parser walks the text with `charAt` and string compares, makes a `Comment` (two document
 * positions) for every comment line, builds a `TextDocument` with its own line table, and its instruction
 * scan (`processInstruction`, `processArguments`, `processComment`, `createInstruction`) is among the most
 * expensive code for V8 to optimise in a cold CLI run. Here one `charCodeAt` loop finds where each
 * instruction starts, where its keyword ends and where it ends, exactly as that parser does, and the node
 * is made with dockerfile-ast's own class for the keyword (the same constructor, so every method answers
 * as dockerfile-ast's own node does) over `LeanDocument`: the model's line table in the shape of the
 * TextDocument methods dockerfile-ast calls. Comments are not collected (the engine reads none from the
 * parse: `Dockerfile.getComments()` of a lean parse is empty).
 *
 * Every file is scanned here: BOM, CRLF and lone CR, directives (the backtick escape character too), comments
 * and empty lines in continuations, escaped keywords, heredocs (stepped over as `Parser.processHeredocs`
 * does), a trailing escape at the end of the file, binary junk: step for step as `Parser.processInstruction`,
 * `processArguments` and `processHeredocs` do. `test/engine/leanParse.test.ts` compares every method the
 * engine calls on every node with dockerfile-ast's answers (corpus, precision files, generated cases), and
 * `bench/fuzz-lean-parse.ts` runs the same comparison on as many generated files as asked. `leanParse`
 * returns null (the caller then parses with dockerfile-ast) only for an escape character dockerfile-ast
 * does not know, which its directive reading never yields: a guard, not a path real files take.
 */
import { Add, Arg, Cmd, Copy, Entrypoint, Env, From, Healthcheck, Instruction, JSONInstruction, Label, Onbuild, Run, Shell, Stopsignal, User, Volume, Workdir, type ParserDirective } from 'dockerfile-ast';
import { Dockerfile } from 'dockerfile-ast/lib/dockerfile.js';
import { Parser } from 'dockerfile-ast/lib/parser.js';
import type { Position, Range } from 'vscode-languageserver-types';
import { LineTable } from '../text.js';
import { makeJsonInstruction, NodeMaker } from './astMemo.js';

/** What dockerfile-ast reads of its TextDocument (`getText`, `offsetAt`, `positionAt`), over a line table. */
export class LeanDocument {
  constructor(readonly lines: LineTable) {}

  getText(range?: Range): string {
    const text = this.lines.text;
    return range ? text.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : text;
  }

  /** As vscode-languageserver-textdocument 1.0's `offsetAt`: clamped to the line, before its line break. */
  offsetAt(position: Position): number {
    const starts = this.lines.starts;
    const text = this.lines.text;
    if (position.line >= starts.length) return text.length;
    if (position.line < 0) return 0;
    const lineOffset = starts[position.line]!;
    if (position.character <= 0) return lineOffset;
    const next = position.line + 1 < starts.length ? starts[position.line + 1]! : text.length;
    let offset = Math.min(lineOffset + position.character, next);
    while (offset > lineOffset && (text.charCodeAt(offset - 1) === 10 || text.charCodeAt(offset - 1) === 13)) offset--;
    return offset;
  }

  /** As vscode-languageserver-textdocument 1.0's `positionAt`: an offset inside a line break (the LF of a CRLF) is read as before it. */
  positionAt(offset: number): Position {
    const p = this.lines.positionAt(offset);
    if (p.character === 0) return p;
    const text = this.lines.text;
    const lineOffset = this.lines.starts[p.line]!;
    let o = lineOffset + p.character;
    while (o > lineOffset && (text.charCodeAt(o - 1) === 10 || text.charCodeAt(o - 1) === 13)) o--;
    return o === lineOffset + p.character ? p : { line: p.line, character: o - lineOffset };
  }

  /**
   * `positionAt(offset)` for an offset on line `hint` or after it: the line is found by walking on from `hint`
   * (the scan's offsets grow, each instruction a few lines on) instead of a binary search over every line.
   */
  positionAfter(hint: number, offset: number): Position {
    const starts = this.lines.starts;
    const text = this.lines.text;
    const o = Math.max(0, Math.min(offset, text.length));
    if (hint < 0 || hint >= starts.length || starts[hint]! > o) return this.positionAt(offset);
    let line = hint;
    while (line + 1 < starts.length && starts[line + 1]! <= o) line++;
    const lineOffset = starts[line]!;
    let at = o;
    while (at > lineOffset && (text.charCodeAt(at - 1) === 10 || text.charCodeAt(at - 1) === 13)) at--;
    return { line, character: at - lineOffset };
  }
}

type Ctor = new (document: LeanDocument, range: Range, dockerfile: Dockerfile, escapeChar: string, instruction: string, instructionRange: Range) => Instruction;

/** The class dockerfile-ast's `Parser.createInstruction` picks for an upper-case keyword. */
const CLASSES = new Map<string, Ctor>(
  Object.entries({ ADD: Add, ARG: Arg, CMD: Cmd, COPY: Copy, ENTRYPOINT: Entrypoint, ENV: Env, FROM: From, HEALTHCHECK: Healthcheck, LABEL: Label, ONBUILD: Onbuild, RUN: Run, SHELL: Shell, STOPSIGNAL: Stopsignal, WORKDIR: Workdir, USER: User, VOLUME: Volume }).map(
    ([keyword, Class]) => [keyword, Class as unknown as Ctor],
  ),
);

/** The JSONInstruction classes (their constructor scans the arguments as a JSON array), with how each reads its flags. */
const JSON_FLAGS = new Map<Ctor, (value: string) => boolean>(
  [...CLASSES.values()]
    .filter((Class) => Class.prototype instanceof JSONInstruction)
    .map((Class) => {
      const proto = Class.prototype as unknown as { stopSearchingForFlags(value: string): boolean };
      return [Class, (value: string) => proto.stopSearchingForFlags(value)];
    }),
);

/** Parser.getParserDirectives, private in dockerfile-ast's types. */
interface DirectiveReader {
  getParserDirectives(document: LeanDocument, buffer: string): ParserDirective[];
}

/** Keywords whose instruction the parser reads heredocs for (ONBUILD: for its trigger). */
const HEREDOC_KEYWORDS = new Set(['ADD', 'COPY', 'RUN', 'ONBUILD']);

export interface LeanParse {
  dockerfile: Dockerfile;
  instructions: Instruction[];
  escapeChar: string;
  directives: ParserDirective[];
}

/**
 * The parse of `text` (with its line table), or null when the file must go to dockerfile-ast's parser (see
 * above). Every answer of the nodes is dockerfile-ast's for `DockerfileParser.parse(text)`.
 */
export function leanParse(text: string, lines: LineTable = new LineTable(text)): LeanParse | null {
  const document = new LeanDocument(lines);
  const dockerfile = new Dockerfile(document as never);
  // dockerfile-ast's own reading of the directives (private in its types): it reads only the first lines, and
  // finds none unless they start with `#` (its BOM check encodes a Buffer: a cost per file worth skipping).
  const directives = mayOpenWithDirective(text) ? (new Parser() as unknown as DirectiveReader).getParserDirectives(document, text) : [];
  let offset = 0;
  let escapeChar = '\\';
  if (directives.length > 0) {
    dockerfile.setDirectives(directives);
    escapeChar = dockerfile.getEscapeCharacter();
    offset = document.offsetAt({ line: directives.length, character: 0 });
  } else if (text.charCodeAt(0) === 0xfeff) {
    offset = 1;
  }
  if (escapeChar !== '\\' && escapeChar !== '`') return null;
  const scan = new Scan(text, document, dockerfile, escapeChar);
  const n = text.length;
  for (let i = offset; i < n; i++) {
    const c = text.charCodeAt(i);
    // space, tab, CR, LF
    if (c === 32 || c === 9 || c === 13 || c === 10) continue;
    if (c === 35 /* # */) {
      i = lineEnd(text, i + 1);
      continue;
    }
    i = scan.instruction(i);
  }
  return { dockerfile, instructions: dockerfile.getInstructions(), escapeChar, directives };
}

/** Whether the text's first character after a BOM, spaces and tabs is `#` (`Parser.getParserDirectives` stops at any other). */
function mayOpenWithDirective(text: string): boolean {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return text.charCodeAt(i) === 35;
}

/** The offset of the first CR or LF at or after `from` (the text's length when none). */
function lineEnd(text: string, from: number): number {
  const n = text.length;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) return i;
  }
  return n;
}

class Scan {
  constructor(
    readonly text: string,
    readonly document: LeanDocument,
    readonly dockerfile: Dockerfile,
    readonly escapeChar: string,
    readonly maker = new NodeMaker(document, dockerfile, escapeChar),
  ) {
    this.esc = escapeChar.charCodeAt(0);
  }

  readonly esc: number;
  /** The line of the last instruction made: the next starts on it or after it. */
  line = 0;

  /** `Parser.processInstruction`: the offset the parse goes on from. */
  instruction(start: number): number {
    const b = this.text;
    const n = b.length;
    const esc = this.esc;
    // The keyword as dockerfile-ast builds it, one character at a time; until the first escape character it
    // is all the text from `start` (`plain`), cut once at the end.
    let instruction = '';
    let plain = true;
    let instructionEnd = -1;
    let escapedInstruction = false;
    let i = start + 1;
    scan: for (; i < n; i++) {
      const c = b.charCodeAt(i);
      if (c === esc) {
        if (plain) {
          instruction = b.slice(start, i);
          plain = false;
        }
        escapedInstruction = true;
        const next = b.charCodeAt(i + 1);
        if (next === 13 || next === 10) {
          if (instructionEnd === -1) instructionEnd = i;
          i++;
        } else if (next === 32 || next === 9) {
          for (let j = i + 2; j < n; j++) {
            const d = b.charCodeAt(j);
            if (d === 32 || d === 9) continue;
            if (d === 13 || d === 10) {
              i = j;
              continue scan;
            }
            // An argument: the keyword ends with the escape character.
            instructionEnd = i + 1;
            instruction += this.escapeChar;
            i = j - 2;
            continue scan;
          }
          // The end of the text.
          instructionEnd = i + 1;
          instruction += this.escapeChar;
          break scan;
        } else {
          instructionEnd = i + 1;
          instruction += this.escapeChar;
          escapedInstruction = false;
        }
      } else if (c === 32 || c === 9) {
        if (escapedInstruction) {
          // On an escaped line break: white space up to a line break continues the keyword.
          let j = i + 1;
          while (j < n && (b.charCodeAt(j) === 32 || b.charCodeAt(j) === 9)) j++;
          if (j < n && (b.charCodeAt(j) === 13 || b.charCodeAt(j) === 10)) {
            i = j;
            continue scan;
          }
          escapedInstruction = false;
        }
        if (instructionEnd === -1) instructionEnd = i;
        if (plain) instruction = b.slice(start, i);
        const end = this.args(instruction, start, instructionEnd, i);
        this.add(instruction, start, instructionEnd, end);
        return end;
      } else if (c === 13 || c === 10) {
        if (escapedInstruction) continue;
        if (plain) instruction = b.slice(start, i);
        this.add(instruction, start, i, i);
        return i;
      } else if (c === 35 /* # */ && escapedInstruction) {
        continue;
      } else {
        instructionEnd = i + 1;
        if (!plain) instruction += b.charAt(i);
        escapedInstruction = false;
      }
    }
    if (instructionEnd === -1) instructionEnd = n;
    if (plain) instruction = b.slice(start, n);
    this.add(instruction, start, instructionEnd, n);
    return n;
  }

  /** `Parser.processArguments` (from the white space after the keyword): where the instruction ends. */
  args(instruction: string, start: number, instructionEnd: number, offset: number): number {
    const b = this.text;
    const n = b.length;
    const esc = this.esc;
    let escaped = false;
    // The `<` from the instruction's start on, every character counted once (those the scan steps over too):
    // an argument can only start with `<<` if the text has two (escapes only remove characters).
    let lt = 0;
    for (let i = start; i <= offset; i++) if (b.charCodeAt(i) === 60) lt++;
    scan: for (let i = offset + 1; i < n; i++) {
      const c = b.charCodeAt(i);
      if (c === 13 || c === 10) {
        if (escaped) continue;
        if (lt >= 2 && HEREDOC_KEYWORDS.has(instruction.toUpperCase())) return this.heredocs(this.make(instruction, start, instructionEnd, i), i);
        return i;
      } else if (c === esc) {
        const next = b.charCodeAt(i + 1);
        if (next === 10 || next === 13) {
          escaped = true;
          i++;
        } else if (next === 32 || next === 9) {
          for (let j = i + 2; j < n; j++) {
            const d = b.charCodeAt(j);
            if (d === 32 || d === 9) continue;
            if (d === 13 || d === 10) escaped = true;
            else if (d === 60) lt++;
            i = j;
            continue scan;
          }
          return n;
        }
      } else if (c === 35 /* # */) {
        if (escaped) {
          // A comment line in the continuation: on to its line break (which the scan then steps over).
          let j = i + 1;
          for (; j < n; j++) {
            const d = b.charCodeAt(j);
            if (d === 13 || d === 10) break;
            if (d === 60) lt++;
          }
          i = j;
        }
      } else if (c !== 32 && c !== 9) {
        escaped = false;
        if (c === 60) lt++;
      }
    }
    return n;
  }

  /** `Parser.createInstruction`. */
  make(instruction: string, start: number, instructionEnd: number, end: number): Instruction {
    const document = this.document;
    const startPosition = document.positionAfter(this.line, start);
    this.line = startPosition.line;
    const instructionRange = { start: startPosition, end: document.positionAfter(this.line, instructionEnd) };
    const range = { start: startPosition, end: document.positionAfter(this.line, end) };
    // (Most keywords are written in upper case: no upper-casing for those.)
    const Class = CLASSES.get(instruction) ?? CLASSES.get(instruction.toUpperCase()) ?? (Instruction as unknown as Ctor);
    const maker = this.maker.set(Class, range, instructionRange, instruction);
    const stop = JSON_FLAGS.get(Class);
    return stop === undefined ? maker.construct() : makeJsonInstruction(stop, document, this.text, document.offsetAt(instructionRange.end), document.offsetAt(range.end), this.escapeChar, maker);
  }

  /** `Parser.createInstruction` and `Dockerfile.addInstruction`. */
  add(instruction: string, start: number, instructionEnd: number, end: number): void {
    this.dockerfile.addInstruction(this.make(instruction, start, instructionEnd, end));
  }

  /** `Parser.processHeredocs`: past the bodies of the heredocs `node` (the instruction up to its line break) opens. */
  heredocs(node: Instruction, offset: number): number {
    let inst: Instruction | null = node;
    let keyword = inst.getKeyword();
    if (keyword === 'ONBUILD') {
      inst = (inst as Onbuild).getTriggerInstruction();
      if (inst === null) return offset;
      keyword = inst.getKeyword();
    }
    if (keyword !== 'ADD' && keyword !== 'COPY' && keyword !== 'RUN') return offset;
    const names: string[] = [];
    let tabbed = false;
    for (const arg of inst.getArguments()) {
      const value = arg.getValue();
      if (value.startsWith('<<') && value.length > 2) {
        if (value.startsWith('<<-')) tabbed = true;
        const name = heredocName(value);
        if (name !== null) names.push(name);
      }
    }
    for (const name of names) offset = this.heredoc(name, offset, tabbed);
    return offset;
  }

  /** `Parser.parseHeredoc`: the line break after the line that is the heredoc's name alone (`<<-`: after tabs). */
  heredoc(name: string, offset: number, tabbed: boolean): number {
    const b = this.text;
    const n = b.length;
    let startWord = -1;
    let lineStart = true;
    for (let i = offset; i < n; i++) {
      const c = b.charCodeAt(i);
      if (c === 32) {
        lineStart = false;
      } else if (c === 9) {
        if (!tabbed) lineStart = false;
      } else if (c === 13 || c === 10) {
        if (startWord !== -1 && name === b.substring(startWord, i)) return i;
        startWord = -1;
        lineStart = true;
      } else if (lineStart) {
        startWord = i;
        lineStart = false;
      }
    }
    return n;
  }
}

/** `Util.parseHeredocName`: the name `<<NAME`, `<<-"NAME"` or `<<'NAME'` opens; null for none. */
function heredocName(word: string): string | null {
  let value = word.substring(2);
  if (value.charAt(0) === '-') value = value.substring(1);
  if (value.charAt(0) === '"') {
    if (value.charAt(value.length - 1) !== '"') return null;
    value = value.substring(1, value.length - 1);
  }
  if (value.charAt(0) === "'") {
    if (value.charAt(value.length - 1) !== "'") return null;
    value = value.substring(1, value.length - 1);
  }
  if (value.charAt(0) === '<') return null;
  return value;
}
