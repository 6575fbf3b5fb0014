/**
 * Shell text and offsets: the text a shell reads from a shell-form RUN body (continuations and dropped comment
 * lines blanked, offsets kept), and a parsed script moved to its place in the document.
 */
import type { ShellAssignment, ShellCommand, ShellScript, ShellWord } from './shellTypes.js';

/** Words that run the command after them (`sudo -E apt-get …`, `env FOO=1 cmd …`), and their options that take a value. */
export const WRAPPERS = new Set(['sudo', 'env', 'exec', 'command', 'nice', 'nohup', 'time', 'doas', 'eatmydata']);
export const WRAPPER_OPTIONS_WITH_VALUE: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U']),
  nice: new Set(['-n']),
  env: new Set(['-u', '-C', '-S']),
};

/**
 * The words of a command without the wrappers that run the command after them (`sudo -E apt-get …`,
 * `env FOO=1 cmd …`, `exec cmd …`): `env`'s `NAME=value` words are added to `assignments`.
 */
export function unwrapWrappers(words: ShellWord[], assignments: ShellAssignment[]): ShellWord[] {
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
  return words;
}

/** Returns a copy of a script with every offset moved by `base` (cached scripts are relative to 0). */
export function shiftScript(script: ShellScript, base: number): ShellScript {
  if (base === 0) return script;
  // Literals of the parsers' shapes and module-level mappers (`by` is the distance) rather than spreads and
  // closures made per call: every RUN after an edit is moved, at each keystroke.
  by = base;
  const out: ShellScript = {
    commands: script.commands.map(shiftCommand),
    comments: script.comments.map(shiftSpan),
    hasError: script.hasError,
    codeEnd: script.codeEnd + base,
    codeStart: script.codeStart + base,
    statements: script.statements.map(shiftStatement),
  };
  if (script.variables) out.variables = script.variables.map(shiftCommand);
  if (script.tooLong) out.tooLong = true;
  return out;
}

/** How far `shiftScript` is moving the script it is copying. */
let by = 0;

function shiftCommand(c: ShellCommand): ShellCommand {
  const out: ShellCommand = {
    name: c.name,
    nameWord: c.nameWord ? shiftWord(c.nameWord) : null,
    args: c.args.map(shiftWord),
    assignments: c.assignments.length === 0 ? [] : c.assignments.map(shiftAssignment),
    start: c.start + by,
    end: c.end + by,
    nested: c.nested,
  };
  if (c.subshell) out.subshell = shiftSpan(c.subshell);
  if (c.json !== undefined) out.json = c.json;
  return out;
}

function shiftWord(x: ShellWord): ShellWord {
  return { text: x.text, value: x.value, start: x.start + by, end: x.end + by };
}

function shiftAssignment(a: ShellAssignment): ShellAssignment {
  return { name: a.name, value: a.value, start: a.start + by, end: a.end + by };
}

function shiftSpan(x: { start: number; end: number }): { start: number; end: number } {
  return { start: x.start + by, end: x.end + by };
}

function shiftStatement(s: ShellScript['statements'][number]): ShellScript['statements'][number] {
  return { start: s.start + by, end: s.end + by, type: s.type, after: s.after };
}

/**
 * Moves every offset of a script just parsed (no one else holds it) by `base`, in place: `shiftScript` without
 * the copy. The only objects a script reaches twice are subshell ranges (shared by the commands of a subshell):
 * they are moved once, after the rest.
 */
export function moveScript(script: ShellScript, base: number): void {
  if (base === 0) return;
  let subshells: Set<{ start: number; end: number }> | null = null;
  const command = (c: ShellCommand): void => {
    c.start += base;
    c.end += base;
    const w = c.nameWord;
    if (w) {
      w.start += base;
      w.end += base;
    }
    for (const a of c.args) {
      a.start += base;
      a.end += base;
    }
    for (const a of c.assignments) {
      a.start += base;
      a.end += base;
    }
    if (c.subshell) (subshells ??= new Set()).add(c.subshell);
  };
  for (const c of script.commands) command(c);
  if (script.variables) for (const c of script.variables) command(c);
  for (const c of script.comments) {
    c.start += base;
    c.end += base;
  }
  for (const st of script.statements) {
    st.start += base;
    st.end += base;
  }
  if (subshells) {
    for (const x of subshells as Set<{ start: number; end: number }>) {
      x.start += base;
      x.end += base;
    }
  }
  script.codeEnd += base;
  script.codeStart += base;
}

/**
 * Turns the body of a shell-form instruction into text a shell parser reads, keeping every offset: line
 * continuations (escape character + line break) and the comment or blank lines Docker drops inside them
 * become spaces, as does any carriage return.
 */
export function logicalShellText(raw: string, escapeChar: string): string {
  if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) return raw;
  // One native pass that makes the flat string at once (a loop over the lines built it from pieces, which the
  // parse then flattened): each line break, with the escape character and blanks before it and the blank or
  // comment lines after it (not the last line: it has no line break), becomes as many spaces.
  return raw.replace(lineBreaks(escapeChar), blanked);
}

/** A line break with what `logicalShellText` blanks with it, for one escape character. */
const BREAKS = new Map<string, RegExp>();
function lineBreaks(escapeChar: string): RegExp {
  let re = BREAKS.get(escapeChar);
  if (!re) {
    const esc = escapeChar.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
    re = new RegExp(`(?:${esc}[ \\t]*)?(?:\\r\\n|\\r|\\n)(?:[ \\t]*(?:#[^\\r\\n]*)?(?:\\r\\n|\\r|\\n))*`, 'g');
    BREAKS.set(escapeChar, re);
  }
  return re;
}

const blanked = (text: string): string => spaces(text.length);

function spaces(count: number): string {
  return count === 1 ? ' ' : ' '.repeat(count);
}

const BRANCHES = new Set(['if_statement', 'case_statement']);

/**
 * The command is inside a top-level `if` or `case` (its condition or a branch): whether it runs depends on a
 * test the build may not pass (`if [ "$HARDEN" = true ]; then chmod …; fi`), so it is not the default build.
 */
export function inBranch(script: ShellScript, cmd: ShellCommand): boolean {
  return script.statements.some((s) => BRANCHES.has(s.type) && s.start <= cmd.start && cmd.end <= s.end);
}

/** The last part of a path (`/usr/bin/apt-get` → `apt-get`). */
export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

/** A bare word after backslash removal (`a\ b` → `a b`). */
export function unescapeWord(text: string): string {
  return text.indexOf('\\') < 0 ? text : text.replace(/\\(.)/g, '$1');
}
