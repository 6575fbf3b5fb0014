import { Language, Parser, type Node } from 'web-tree-sitter';

/** One word of a shell command, with its place in the document. */
export interface ShellWord {
  /** The word as written (quotes included). */
  text: string;
  /** The word after quote removal, or null when it depends on expansions ($VAR, $(...), globs stay literal). */
  value: string | null;
  start: number;
  end: number;
}

export interface ShellAssignment {
  name: string;
  value: string | null;
  start: number;
  end: number;
}

/** A simple command such as `apt-get install -y curl`, after unwrapping `sudo`, `env` and the like. */
export interface ShellCommand {
  /** Basename of the command word (`/usr/bin/apt-get` → `apt-get`), or null when it is not static. */
  name: string | null;
  nameWord: ShellWord | null;
  /** Words after the command name. */
  args: ShellWord[];
  /** `VAR=value` prefixes, including those given to `env`. */
  assignments: ShellAssignment[];
  start: number;
  end: number;
  /** Inside `$(...)`, backticks or a function body: may not run where it is written. */
  nested: boolean;
  /** The words are JSON strings of an exec-form instruction. */
  json?: boolean;
}

export interface ShellScript {
  commands: ShellCommand[];
  /** Comments seen by the shell (e.g. `# note` at the end of a one-line RUN). */
  comments: { start: number; end: number }[];
  /** The shell reported a syntax error somewhere (the commands before it are still listed). */
  hasError: boolean;
  /** End of the last piece of code (comments excluded): where an appended `&& cmd` goes. */
  codeEnd: number;
  /** Start of the first piece of code. */
  codeStart: number;
  /** Top-level statements in order, with the operator that follows each (`;`, `&`, `&&`… or '' at the end). */
  statements: { start: number; end: number; type: string; after: string }[];
  /** Longer than MAX_SCRIPT_LENGTH, so not parsed (no commands are listed). */
  tooLong?: boolean;
}

const WRAPPERS = new Set(['sudo', 'env', 'exec', 'command', 'nice', 'nohup', 'time', 'doas', 'eatmydata']);
const WRAPPER_OPTIONS_WITH_VALUE: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U']),
  nice: new Set(['-n']),
  env: new Set(['-u', '-C', '-S']),
};

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

const cache = new Map<string, ShellScript>();
const CACHE_LIMIT = 4000;
let cacheLimit = CACHE_LIMIT;

/**
 * Lets the cache hold the scripts of a document with `count` instructions: a document with more RUNs than
 * the default limit would otherwise evict its own parses on every lint and never hit. Smaller documents put
 * the default back.
 */
export function fitShellCache(count: number): void {
  cacheLimit = Math.max(CACHE_LIMIT, count);
}

/**
 * Parses shell source into a plain model (the tree is freed at once). Results are cached by text, because
 * while a user types, almost every RUN of the file is unchanged from the last lint.
 */
export function parseShell(source: string): ShellScript {
  // A script this long is generated, not written: reading it would hold the server for seconds.
  if (source.length > MAX_SCRIPT_LENGTH) return { ...emptyScript(source.length), tooLong: true };
  const hit = cache.get(source);
  if (hit) {
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  if (!parser) throw new Error('dockerfile-slim: the shell parser is not initialised (call initEngine first)');
  const tree = parser.parse(source);
  let script: ShellScript;
  try {
    script = tree ? extract(tree.rootNode, source) : emptyScript(source.length);
  } finally {
    tree?.delete();
  }
  cache.set(source, script);
  while (cache.size > cacheLimit) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return script;
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
 * The plain model of a parsed script. Every read of a tree-sitter node's type or children is a call into
 * the WebAssembly module, so the walk skips subtrees that cannot hold what it looks for: the arguments of
 * a command are searched for substitutions only when the command's text has `$(`, a backtick, `<(` or `>(`.
 */
function extract(root: Node, source: string): ShellScript {
  const commands: ShellCommand[] = [];
  const comments: { start: number; end: number }[] = [];
  const visit = (node: Node, nested: boolean): void => {
    switch (node.type) {
      case 'comment':
        comments.push({ start: node.startIndex, end: node.endIndex });
        return;
      case 'command': {
        const cmd = buildCommand(node, nested);
        if (cmd) commands.push(cmd);
        // Command substitutions in the arguments run too.
        if (SUBSTITUTION.test(source.slice(node.startIndex, node.endIndex))) {
          for (const child of node.namedChildren) if (child) visitSubstitutions(child);
        }
        return;
      }
      case 'command_substitution':
      case 'function_definition':
      case 'process_substitution':
        for (const child of node.namedChildren) if (child) visit(child, true);
        return;
      default:
        for (const child of node.namedChildren) if (child) visit(child, nested);
    }
  };
  const visitSubstitutions = (node: Node): void => {
    if (node.type === 'command_substitution' || node.type === 'process_substitution') {
      visit(node, true);
      return;
    }
    for (const child of node.namedChildren) if (child) visitSubstitutions(child);
  };
  visit(root, false);

  const statements: ShellScript['statements'] = [];
  let codeStart = -1;
  let codeEnd = 0;
  const kids = root.children;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (!k) continue;
    if (!k.isNamed) {
      const last = statements[statements.length - 1];
      if (last && last.after === '') last.after = k.type;
      continue;
    }
    if (k.type === 'comment') continue;
    if (codeStart < 0) codeStart = k.startIndex;
    codeEnd = Math.max(codeEnd, k.endIndex);
    statements.push({ start: k.startIndex, end: k.endIndex, type: k.type, after: '' });
  }
  // A trailing `&` or `;` belongs to the code: an appended command goes after it.
  const lastStatement = statements[statements.length - 1];
  if (lastStatement && lastStatement.after !== '') {
    for (const k of kids) if (k && !k.isNamed && k.startIndex >= lastStatement.end) codeEnd = Math.max(codeEnd, k.endIndex);
  }
  return {
    commands,
    comments,
    hasError: root.hasError,
    codeEnd,
    codeStart: codeStart < 0 ? 0 : codeStart,
    statements,
  };
}

function buildCommand(node: Node, nested: boolean): ShellCommand | null {
  let words: ShellWord[] = [];
  const assignments: ShellAssignment[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    const type = child.type;
    switch (type) {
      case 'variable_assignment': {
        const nameNode = child.childForFieldName('name');
        const valueNode = child.childForFieldName('value');
        assignments.push({
          name: nameNode?.text ?? '',
          value: valueNode ? wordValue(valueNode) : '',
          start: child.startIndex,
          end: child.endIndex,
        });
        break;
      }
      case 'file_redirect':
      case 'heredoc_redirect':
      case 'herestring_redirect':
      case 'comment':
        break;
      case 'command_name':
        words.push(toWord(child.firstNamedChild ?? child));
        break;
      default:
        words.push(toWord(child, type));
    }
  }
  // Unwrap `sudo -E apt-get …`, `env FOO=1 cmd …`, `exec cmd …`.
  for (let guard = 0; guard < 4 && words.length > 0; guard++) {
    const head = words[0]!.value;
    const base = head ? basename(head) : null;
    if (!base || !WRAPPERS.has(base)) break;
    const withValue = WRAPPER_OPTIONS_WITH_VALUE[base];
    let i = 1;
    while (i < words.length) {
      const v = words[i]!.value;
      if (v === null) break;
      if (v === '--') {
        i++;
        break;
      }
      if (base === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
        const eq = v.indexOf('=');
        assignments.push({ name: v.slice(0, eq), value: v.slice(eq + 1), start: words[i]!.start, end: words[i]!.end });
        i++;
        continue;
      }
      if (!v.startsWith('-')) break;
      i += withValue?.has(v) ? 2 : 1;
    }
    if (i >= words.length) break;
    words = words.slice(i);
  }
  const nameWord = words[0] ?? null;
  return {
    name: nameWord?.value ? basename(nameWord.value) : null,
    nameWord,
    args: words.slice(1),
    assignments,
    start: node.startIndex,
    end: node.endIndex,
    nested,
  };
}

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

/** `type`: the node's type when the caller has read it already (each read is a call into WebAssembly). */
function toWord(node: Node, type?: string): ShellWord {
  return { text: node.text, value: wordValue(node, type), start: node.startIndex, end: node.endIndex };
}

/** The word after quote removal when no expansion is involved, else null. */
export function wordValue(node: Node, type: string = node.type): string | null {
  switch (type) {
    case 'word':
    case 'number':
      return unescapeWord(node.text);
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return null;
    case 'string': {
      let out = '';
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type !== 'string_content') return null;
        out += child.text.replace(/\\([$`"\\\n])/g, '$1');
      }
      return out;
    }
    case 'concatenation': {
      let out = '';
      for (const child of node.children) {
        if (!child) continue;
        const v = child.isNamed ? wordValue(child) : child.text;
        if (v === null) return null;
        out += v;
      }
      return out;
    }
    default:
      return null;
  }
}

function unescapeWord(text: string): string {
  return text.indexOf('\\') < 0 ? text : text.replace(/\\(.)/g, '$1');
}

/** Returns a copy of a script with every offset moved by `base` (cached scripts are relative to 0). */
export function shiftScript(script: ShellScript, base: number): ShellScript {
  if (base === 0) return script;
  const w = (x: ShellWord): ShellWord => ({ ...x, start: x.start + base, end: x.end + base });
  return {
    commands: script.commands.map((c) => ({
      ...c,
      nameWord: c.nameWord ? w(c.nameWord) : null,
      args: c.args.map(w),
      assignments: c.assignments.map((a) => ({ ...a, start: a.start + base, end: a.end + base })),
      start: c.start + base,
      end: c.end + base,
    })),
    comments: script.comments.map((c) => ({ start: c.start + base, end: c.end + base })),
    hasError: script.hasError,
    codeEnd: script.codeEnd + base,
    codeStart: script.codeStart + base,
    statements: script.statements.map((s) => ({ ...s, start: s.start + base, end: s.end + base })),
    ...(script.tooLong ? { tooLong: true } : {}),
  };
}

/**
 * Turns the body of a shell-form instruction into text a shell parser reads, keeping every offset: line
 * continuations (escape character + line break) and the comment or blank lines Docker drops inside them
 * become spaces, as does any carriage return.
 */
export function logicalShellText(raw: string, escapeChar: string): string {
  if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) return raw;
  const n = raw.length;
  let out = '';
  let i = 0;
  let first = true;
  while (i < n) {
    let eol = i;
    while (eol < n) {
      const c = raw.charCodeAt(eol);
      if (c === 10 || c === 13) break;
      eol++;
    }
    if (eol === n) {
      out += raw.slice(i);
      break;
    }
    let next = eol;
    if (raw.charCodeAt(next) === 13) next++;
    if (raw.charCodeAt(next) === 10) next++;
    let j = i;
    while (j < eol && isBlank(raw.charCodeAt(j))) j++;
    if (!first && (j === eol || raw[j] === '#')) {
      // A blank or comment line inside a continuation: Docker drops it.
      out += spaces(next - i);
    } else {
      let k = eol - 1;
      while (k >= i && isBlank(raw.charCodeAt(k))) k--;
      const cut = k >= i && raw[k] === escapeChar ? k : eol;
      out += raw.slice(i, cut) + spaces(next - cut);
    }
    i = next;
    first = false;
  }
  return out;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

function spaces(count: number): string {
  return count === 1 ? ' ' : ' '.repeat(count);
}
