import { Language, Parser, type Tree, type TreeCursor } from 'web-tree-sitter';

export type { ShellAssignment, ShellCommand, ShellScript, ShellWord } from './shellTypes.js';
import { ShellParserNotReady, type ShellAssignment, type ShellCommand, type ShellScript, type ShellWord } from './shellTypes.js';
export { ShellParserNotReady };
import { parseShellFast } from './shellFast.js';
import { basename, moveScript, shiftScript, unescapeWord, unwrapWrappers } from './shellText.js';


let parser: Parser | null = null;

/** Loads the bash grammar. The caller provides the bytes, so the engine itself reads no files. */
export async function initShellParser(wasm: { runtime: Uint8Array; bash: Uint8Array }): Promise<void> {
  if (parser) return;
  await Parser.init({ wasmBinary: wasm.runtime } as never);
  const language = await Language.load(wasm.bash);
  const p = new Parser();
  p.setLanguage(language);
  parser = p;
}

export function shellParserReady(): boolean {
  return parser !== null;
}

/** Longer shell scripts are not parsed; their instruction gets one informational finding instead. */
export const MAX_SCRIPT_LENGTH = 100_000;

/** A parsed script, the offset its offsets count from, and (once asked for) the same at 0. */
const cache = new Map<string, { script: ShellScript; base: number; atZero: ShellScript | null }>();
const CACHE_LIMIT = 4000;
let cacheLimit = CACHE_LIMIT;

/** Lets the cache hold the scripts of a document with `count` instructions: a document with more RUNs than the
 * default limit would otherwise evict its own parses on every lint and never hit. Smaller ones put the default back. */
export function fitShellCache(count: number): void {
  cacheLimit = Math.max(CACHE_LIMIT, count);
}

/**
 * Parses shell source into a plain model (the tree is freed at once). Results are cached by text, because
 * while a user types, almost every RUN of the file is unchanged from the last lint.
 */
export function parseShell(source: string): ShellScript {
  return parseShellAt(source, 0);
}

/** `shiftScript(parseShell(source), base)`, but a new parse is moved in place, not copied (the copy was 5 % of what a
 * 5,000-line lint from scratch allocates); the cache keeps its base, and an ask at another base gets a moved copy. */
export function parseShellAt(source: string, base: number): ShellScript {
  // A script this long is generated, not written: reading it would hold the server for seconds.
  if (source.length > MAX_SCRIPT_LENGTH) return shiftScript({ ...emptyScript(source.length), tooLong: true }, base);
  const hit = cache.get(source);
  if (hit) {
    cache.delete(source);
    cache.set(source, hit);
    if (hit.base === base) return hit.script;
    if (base === 0) return (hit.atZero ??= shiftScript(hit.script, -hit.base));
    return shiftScript(hit.script, base - hit.base);
  }
  // Most RUNs are simple commands joined by `&&`: the fast path reads them without tree-sitter.
  const script = parseShellFast(source) ?? parseShellTree(source);
  moveScript(script, base);
  cache.set(source, { script, base, atZero: base === 0 ? script : null });
  while (cache.size > cacheLimit) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return script;
}

/** The script as the tree-sitter walk reads it, not cached (`parseShell` takes the fast path first). */
export function parseShellTree(source: string): ShellScript {
  if (!parser) throw new ShellParserNotReady();
  const tree = parser.parse(source);
  try {
    return tree ? extract(tree, source) : emptyScript(source.length);
  } finally {
    tree?.delete();
  }
}

/** The texts in the parse cache (the differential test collects a document's scripts with this). */
export function cachedShellSources(): string[] {
  return [...cache.keys()];
}

/** Forgets every cached parse (benchmarks measure parsing from scratch with this). */
export function clearShellCache(): void {
  cache.clear();
}

function emptyScript(length: number): ShellScript {
  return { commands: [], comments: [], hasError: true, codeEnd: length, codeStart: 0, statements: [] };
}

/** Text that can hold a command or process substitution: `$(`, a backtick, `<(` or `>(`. */
const SUBSTITUTION = /\$\(|`|[<>]\(/;

/**
 * The plain model of a parsed script, read with one tree cursor. Every read from the tree is a call into
 * the WebAssembly module, and a `Node` object costs an allocation and a copy of its handle on each use, so
 * the walk moves a single cursor and reads each node's type, span and field once; texts are cut from the
 * source. It also skips subtrees that cannot hold what it looks for: the arguments of a command are searched
 * for substitutions only when the command's text has `$(`, a backtick, `<(` or `>(`.
 */
function extract(tree: Tree, source: string): ShellScript {
  const c = tree.walk();
  try {
    return new Walk(c, source, tree.language).script(tree.rootNode.hasError);
  } finally {
    c.delete();
  }
}

/** Whether nodes of a type (by id) are named, as the grammar says; filled as types are met. */
const namedTypes = new WeakMap<Language, boolean[]>();

/**
 * The walk over one tree. Each method starts with the cursor on a node and leaves it there. A node's type
 * and whether it is named are looked up from its type id (one read), as the grammar defines both by type.
 */
class Walk {
  readonly commands: ShellCommand[] = [];
  readonly variables: ShellCommand[] = []; // bare `X=1` (name null) and `unset X` statements
  readonly comments: { start: number; end: number }[] = [];
  private readonly types: readonly string[];
  private readonly fields: readonly (string | null)[];
  private readonly named: boolean[];
  /** Type id of the node under the cursor, as read by `read()`. */
  private id = 0;
  private subshell: { start: number; end: number } | null = null; // the innermost `( … )` around the cursor

  constructor(
    private readonly c: TreeCursor,
    private readonly source: string,
    private readonly language: Language,
  ) {
    this.types = language.types;
    this.fields = language.fields;
    let named = namedTypes.get(language);
    if (!named) namedTypes.set(language, (named = []));
    this.named = named;
  }

  /** Reads the type id of the node under the cursor (call after each move); true when the node is named. */
  private read(): boolean {
    const id = this.c.nodeTypeId;
    this.id = id;
    let named = this.named[id];
    if (named === undefined) this.named[id] = named = this.language.nodeTypeIsNamed(id);
    return named;
  }

  /** The type of the node `read()` last read. */
  private type(): string {
    return this.types[this.id] || 'ERROR';
  }

  script(hasError: boolean): ShellScript {
    const c = this.c;
    this.visit('program', false);
    const statements: ShellScript['statements'] = [];
    let codeStart = -1;
    let codeEnd = 0;
    // The operators between the top-level statements, kept to extend the code's end past a trailing one.
    const operators: number[] = [];
    if (c.gotoFirstChild()) {
      do {
        if (!this.read()) {
          const last = statements[statements.length - 1];
          if (last && last.after === '') last.after = this.type();
          operators.push(c.startIndex, c.endIndex);
          continue;
        }
        const type = this.type();
        if (type === 'comment') continue;
        const start = c.startIndex;
        const end = c.endIndex;
        if (codeStart < 0) codeStart = start;
        codeEnd = Math.max(codeEnd, end);
        statements.push({ start, end, type, after: '' });
      } while (c.gotoNextSibling());
      c.gotoParent();
    }
    // A trailing `&` or `;` belongs to the code: an appended command goes after it.
    const lastStatement = statements[statements.length - 1];
    if (lastStatement && lastStatement.after !== '') {
      for (let i = 0; i < operators.length; i += 2) if (operators[i]! >= lastStatement.end) codeEnd = Math.max(codeEnd, operators[i + 1]!);
    }
    return {
      commands: this.commands,
      comments: this.comments,
      hasError,
      codeEnd,
      codeStart: codeStart < 0 ? 0 : codeStart,
      statements,
      ...(this.variables.length > 0 ? { variables: this.variables } : {}),
    };
  }

  /** Visits the named children of the cursor's node. */
  private children(nested: boolean, substitutionsOnly: boolean): void {
    const c = this.c;
    if (!c.gotoFirstChild()) return;
    do {
      if (!this.read()) continue;
      if (substitutionsOnly) this.substitutions();
      else this.visit(this.type(), nested);
    } while (c.gotoNextSibling());
    c.gotoParent();
  }

  private visit(type: string, nested: boolean): void {
    const c = this.c;
    switch (type) {
      case 'comment':
        this.comments.push({ start: c.startIndex, end: c.endIndex });
        return;
      case 'command':
      case 'declaration_command': {
        const start = c.startIndex;
        const end = c.endIndex;
        this.commands.push(this.command(nested, start, end, type === 'declaration_command'));
        // Command substitutions in the arguments run too.
        if (SUBSTITUTION.test(this.source.slice(start, end))) this.children(true, true);
        return;
      }
      case 'variable_assignment':
      case 'unset_command': {
        const [start, end, sub] = [c.startIndex, c.endIndex, this.subshell ? { subshell: this.subshell } : {}];
        const bare = (): ShellCommand => ({ name: null, nameWord: null, args: [], assignments: [this.assignment()], start, end, nested, ...sub });
        this.variables.push(type === 'unset_command' ? this.command(nested, start, end, true) : bare());
        this.children(nested, false);
        return;
      }
      case 'command_substitution':
      case 'function_definition':
      case 'process_substitution':
        this.children(true, false);
        return;
      case 'subshell': {
        const outer = this.subshell;
        this.subshell = { start: c.startIndex, end: c.endIndex };
        this.children(nested, false);
        this.subshell = outer;
        return;
      }
      default:
        this.children(nested, false);
    }
  }

  private substitutions(): void {
    const type = this.type();
    if (type === 'command_substitution' || type === 'process_substitution') this.visit(type, true);
    else this.children(true, true);
  }

  private command(nested: boolean, start: number, end: number, declaration = false): ShellCommand {
    const c = this.c;
    let words: ShellWord[] = [];
    const assignments: ShellAssignment[] = [];
    if (c.gotoFirstChild()) {
      do {
        if (!this.read()) {
          if (declaration && words.length === 0) words.push(this.word('word')); // `export A=1`: named `export`, `A=1` a word
          continue;
        }
        const type = this.type();
        switch (type) {
          case 'variable_assignment':
            if (declaration) words.push(this.word('concatenation'));
            else assignments.push(this.assignment());
            break;
          case 'file_redirect':
          case 'heredoc_redirect':
          case 'herestring_redirect':
          case 'comment':
            break;
          case 'command_name':
            words.push(this.commandName());
            break;
          default:
            words.push(this.word(type));
        }
      } while (c.gotoNextSibling());
      c.gotoParent();
    }
    words = unwrapWrappers(words, assignments);
    const nameWord = words[0] ?? null;
    return {
      name: nameWord?.value ? basename(nameWord.value) : null,
      nameWord,
      args: words.slice(1),
      assignments,
      start,
      end,
      nested,
      ...(this.subshell ? { subshell: this.subshell } : {}),
    };
  }

  /** `NAME=value`: the first child in the `name` field and the first in the `value` field. */
  private assignment(): ShellAssignment {
    const c = this.c;
    const start = c.startIndex;
    const end = c.endIndex;
    let name: string | null = null;
    let value: string | null | undefined;
    if (c.gotoFirstChild()) {
      do {
        const field = this.fields[c.currentFieldId];
        if (field === 'name' && name === null) name = this.source.slice(c.startIndex, c.endIndex);
        else if (field === 'value' && value === undefined) {
          this.read();
          value = this.value(this.type(), this.source.slice(c.startIndex, c.endIndex));
        }
      } while (c.gotoNextSibling());
      c.gotoParent();
    }
    const append = name !== null && this.source[start + name.length] === '+'; // `X+=1`: appends to a value not known here
    return { name: name ?? '', value: append ? null : value === undefined ? '' : value, start, end };
  }

  /** The word of a `command_name`: its first named child, else the node itself. */
  private commandName(): ShellWord {
    const c = this.c;
    if (c.gotoFirstChild()) {
      do {
        if (!this.read()) continue;
        const word = this.word(this.type());
        c.gotoParent();
        return word;
      } while (c.gotoNextSibling());
      c.gotoParent();
    }
    return this.word('command_name');
  }

  private word(type: string): ShellWord {
    const [start, end] = [this.c.startIndex, this.c.endIndex];
    const text = this.source.slice(start, end);
    return { text, value: this.value(type, text), start, end };
  }

  /** The word after quote removal when no expansion is involved, else null. */
  private value(type: string, text: string): string | null {
    switch (type) {
      case 'word':
      case 'number':
      case 'variable_name':
        return unescapeWord(text);
      case 'raw_string':
        return text.slice(1, -1);
      case 'string':
      case 'concatenation':
        return this.joined(type === 'string');
      default:
        // ansi_c_string and every expansion.
        return null;
    }
  }

  /**
   * A string's value: the text of its parts, each `string_content` (any other named part is an expansion);
   * a concatenation's: the values of its named parts and the text of the others.
   */
  private joined(isString: boolean): string | null {
    const c = this.c;
    let out = '';
    if (!c.gotoFirstChild()) return out;
    do {
      const named = this.read();
      if (isString && !named) continue;
      const text = this.source.slice(c.startIndex, c.endIndex);
      if (isString) {
        if (this.type() !== 'string_content') {
          c.gotoParent();
          return null;
        }
        out += text.replace(/\\([$`"\\\n])/g, '$1');
        continue;
      }
      const v = named ? this.value(this.type(), text) : text;
      if (v === null) {
        c.gotoParent();
        return null;
      }
      out += v;
    } while (c.gotoNextSibling());
    c.gotoParent();
    return out;
  }
}
