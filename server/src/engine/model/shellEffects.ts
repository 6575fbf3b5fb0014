/**
 * What a RUN's shell script leaves behind for the commands that follow it in the same shell (variables,
 * working directory, options, functions), and the questions merging two RUNs asks about it.
 */
import type { DockerfileModel, RunInfo } from './model.js';
import { type ShellCommand, type ShellScript } from './shell.js';
import { logicalShellText } from './shellText.js';
import { perRun, runFactKey, type RunFactKey } from './runs.js';

/** Builtins whose effect outlives the command: later commands of the same shell see it. */
const STATE_BUILTINS = new Set([
  '.', 'source', 'cd', 'pushd', 'popd', 'export', 'set', 'unset', 'umask', 'ulimit', 'shopt', 'trap', 'alias',
  'unalias', 'readonly', 'declare', 'typeset', 'local', 'eval', 'read', 'mapfile', 'readarray', 'getopts', 'let',
  'hash', 'enable', 'builtin', 'shift', 'setopt', 'emulate',
]);
/** Statement types that assign variables or define functions. */
const STATE_STATEMENTS = new Set([
  'declaration_command', 'unset_command', 'variable_assignment', 'variable_assignments', 'function_definition',
  'for_statement', 'c_style_for_statement', 'select_statement',
]);
/** Shell keywords and assignments that may hide in compound statements the command list does not show. */
const HIDDEN_STATE = /(^|[\s;&|(){}!])(export|declare|typeset|local|readonly|unset|function|for|select)(?=[\s;&|()]|$)|(^|[\s;&|(){}!])[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=|\(\(/;
/** Parameter expansions that assign (`${x:=v}`) and arithmetic that assigns (`$((i+=1))`, `$((i++))`). */
const EXPANSION_ASSIGNS = /\$\{#?[A-Za-z_][A-Za-z0-9_]*:?=|\$\(\((?:[^)]|\)(?!\)))*?(?:[^=!<>]=(?!=)|\+\+|--)/;

export interface ShellEffects {
  /** What changes the shell's own state (directory, variables, options, traps, functions…), or null. */
  state: string | null;
  /** A job is left running in the background. */
  background: boolean;
  /** What may end the shell before later commands run (`exit`, `return`, `exec cmd`), or null. */
  ends: string | null;
}

/**
 * What running this script leaves behind for commands that would follow it in the same shell. Errs on
 * the side of reporting an effect: anything it cannot read counts as one.
 */
export function shellEffects(model: DockerfileModel, run: RunInfo): ShellEffects {
  const script = run.script!;
  const { text } = model;
  const logical = logicalBody(model, run);
  const out: ShellEffects = { state: null, background: false, ends: null };
  const setState = (what: string): void => {
    if (out.state === null) out.state = what;
  };
  const subshells = script.statements.filter((s) => s.type === 'subshell');
  const contained = (c: ShellCommand): boolean => subshells.some((s) => c.start >= s.start && c.end <= s.end);

  for (const s of script.statements) {
    if (s.after === '&') out.background = true;
    if (STATE_STATEMENTS.has(s.type)) setState(`\`${firstWord(text.slice(s.start, s.end))}\``);
    const inner = script.commands.filter((c) => !c.nested && c.start >= s.start && c.end <= s.end);
    const uncovered = blankSpans(logical(s.start, s.end), inner.map((c) => ({ start: c.start - s.start, end: c.end - s.start })));
    const bare = stripQuoted(uncovered);
    if (/(^|[^&>|<])&(?![&>])/.test(bare)) out.background = true;
    if (s.type !== 'subshell' && HIDDEN_STATE.test(bare)) setState('a variable assignment or declaration');
    if (EXPANSION_ASSIGNS.test(stripSingleQuoted(logical(s.start, s.end)))) setState('an assignment inside an expansion');
  }
  for (const c of script.commands) {
    if (c.nested || contained(c)) continue;
    const prefix = c.nameWord ? text.slice(c.start, c.nameWord.start) : '';
    if (c.nameWord && /(^|\s)exec[ \t\r\n]|(^|\s)exec$/.test(prefix) && c.name !== 'exec') out.ends ??= '`exec`';
    if (c.name === null) {
      setState('a command whose name is computed');
      continue;
    }
    if (c.name === 'exit' || c.name === 'return') out.ends ??= `\`${c.name}\``;
    else if (c.name === 'exec') setState('`exec`');
    else if (STATE_BUILTINS.has(c.name)) setState(`\`${c.name}\``);
    else if (c.name === 'printf' && c.args.some((a) => a.value === '-v')) setState('`printf -v`');
  }
  return out;
}

/** Special variables whose value differs between a fresh shell and one that already ran commands. */
const SHELL_HISTORY_VARS = /\$(?:\{(?:_|LINENO|SECONDS|BASH_COMMAND)\}|(?:_|LINENO|SECONDS|BASH_COMMAND)(?![A-Za-z0-9_]))/;

/** The script reads a variable that depends on what the shell ran before (`$_`, `$LINENO`, `$SECONDS`). */
export function readsShellHistory(model: DockerfileModel, run: RunInfo): boolean {
  const script = run.script!;
  return SHELL_HISTORY_VARS.test(stripSingleQuoted(model.text.slice(script.codeStart, script.codeEnd)));
}

/**
 * Commands found on PATH whose location is fixed by the base system: the shell's memory of where it found
 * them (its hash table) cannot go stale because an earlier command installed a newer copy elsewhere.
 */
const FIXED_PATH_COMMANDS = new Set([
  'apt-get', 'apt', 'apt-cache', 'apt-mark', 'apt-key', 'dpkg', 'dpkg-reconfigure', 'apk', 'yum', 'dnf', 'microdnf',
  'rpm', 'zypper', 'rm', 'rmdir', 'mkdir', 'ln', 'cp', 'mv', 'chmod', 'chown', 'chgrp', 'touch', 'cat', 'sed', 'grep',
  'find', 'xargs', 'tar', 'gzip', 'gunzip', 'install', 'useradd', 'groupadd', 'usermod', 'adduser', 'addgroup',
  'deluser', 'delgroup', 'ls', 'sh', 'bash', 'env', 'mktemp', 'tee', 'sort', 'head', 'tail', 'cut', 'tr', 'wc',
  'sha256sum', 'sha512sum', 'md5sum', 'id', 'locale-gen', 'update-alternatives', 'update-ca-certificates', 'ldconfig',
  'su', 'sync', 'date', 'uname', 'dirname', 'basename', 'readlink', 'realpath', 'stat', 'sleep', 'echo', 'printf',
  'test', '[', 'true', 'false', ':', 'pwd', 'kill', 'command', 'type', 'wait',
]);

/** Names of the commands a script runs through a PATH search that may be cached (see FIXED_PATH_COMMANDS). */
export function pathSearchedCommands(run: RunInfo): Set<string> {
  const out = new Set<string>();
  for (const c of run.script?.commands ?? []) {
    if (!c.name || !c.nameWord || c.nameWord.value === null || c.nameWord.value.includes('/')) continue;
    if (!FIXED_PATH_COMMANDS.has(c.name)) out.add(c.name);
  }
  return out;
}

/**
 * Whether `X && <script>` would not mean "run the script only if X succeeded, with the script's status":
 * several statements, a trailing `&`, or an `||` at the top of a list.
 */
export function needsGrouping(model: DockerfileModel, run: RunInfo): boolean {
  const script = run.script!;
  const statements = script.statements;
  if (statements.length !== 1) return true;
  const s = statements[0]!;
  if (s.after === '&') return true;
  if (s.type !== 'list') return false;
  const logical = logicalBody(model, run);
  const inner = script.commands.filter((c) => !c.nested && c.start >= s.start && c.end <= s.end);
  for (let i = 1; i < inner.length; i++) {
    if (stripQuoted(logical(inner[i - 1]!.end, inner[i]!.start)).includes('||')) return true;
  }
  return inner.length === 0 && stripQuoted(logical(s.start, s.end)).includes('||');
}

/**
 * Whether the script only chains simple commands (no `if`, loops, groups or subshells): under `set -e`,
 * such a statement behaves the same on either side of `&&`.
 */
export function isFlatChain(model: DockerfileModel, run: RunInfo, s: { start: number; end: number; type: string }): boolean {
  if (!['command', 'pipeline', 'list', 'redirected_statement', 'negated_command'].includes(s.type)) return false;
  const script = run.script!;
  const logical = logicalBody(model, run);
  const inner = script.commands.filter((c) => !c.nested && c.start >= s.start && c.end <= s.end);
  const rest = stripQuoted(blankSpans(logical(s.start, s.end), inner.map((c) => ({ start: c.start - s.start, end: c.end - s.start }))));
  return !/[(){}]|(^|[\s;&|])(if|then|for|while|until|case|do|done|fi|esac)(?=[\s;&|]|$)/.test(rest);
}

/** The shell runs with errexit from the start: `SHELL ["/bin/sh", "-ec"]` and the like. */
export function shellHasErrexit(run: RunInfo): boolean {
  const args = run.shell.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (/^-[a-zA-Z]*e[a-zA-Z]*$/.test(a)) return true;
    if ((a === '-o' || a === '+o') && args[i + 1] === 'errexit') return a === '-o';
  }
  return false;
}

/**
 * Number of commands a RUN chains; declarations and bare assignments count as commands. With `limit`, the
 * count stops as soon as it passes the limit (the answer is then some number above it): a caller that only
 * compares with the limit need not read every statement of a long script.
 */
export function commandCount(model: DockerfileModel, run: RunInfo, limit = Infinity): number {
  // It reads the RUN's text only (offsets against its body): kept per read of the RUN (`perRun`), by limit.
  return perRun(run, countKeyFor(limit), () => countCommands(model, run, limit));
}

/** One key per limit asked for (one caller asks with 2). */
const countKeys = new Map<number, RunFactKey>();

function countKeyFor(limit: number): RunFactKey {
  let key = countKeys.get(limit);
  if (!key) countKeys.set(limit, (key = runFactKey()));
  return key;
}

function countCommands(model: DockerfileModel, run: RunInfo, limit: number): number {
  const script = run.script;
  if (!script) return 0;
  const logical = logicalBody(model, run);
  let count = script.commands.filter((c) => !c.nested).length;
  for (const s of script.statements) {
    if (count > limit) return count;
    const text = logical(s.start, s.end);
    // What is counted below is an assignment or a declaring built-in, which the text names (blanking only takes
    // characters away): a statement with neither `=` nor one of their names has none.
    if (!MAY_ASSIGN.test(text)) continue;
    const inner = script.commands.filter((c) => !c.nested && c.start >= s.start && c.end <= s.end);
    const rest = stripQuoted(blankSpans(text, inner.map((c) => ({ start: c.start - s.start, end: c.end - s.start }))));
    count += [...rest.matchAll(/(^|[;&|(){}])\s*(?:(?:export|declare|typeset|local|readonly|unset)(?=\s|$)|[A-Za-z_][A-Za-z0-9_]*\+?=)/g)].length;
  }
  return count;
}

const MAY_ASSIGN = /=|export|declare|typeset|local|readonly|unset/;

/** Reads document ranges of a RUN's body as the shell saw them (continuations and comment lines blanked). */
function logicalBody(model: DockerfileModel, run: RunInfo): (start: number, end: number) => string {
  let cached: string | null = null;
  return (start, end) => {
    if (run.form !== 'shell') return model.text.slice(start, end).replace(/\r?\n/g, ' ');
    cached ??= logicalShellText(model.text.slice(run.bodyStart, run.bodyEnd), model.escapeChar);
    return cached.slice(start - run.bodyStart, end - run.bodyStart);
  };
}

/** `s` with the characters of each span (clipped to `s`, in any order, overlapping or not) replaced by spaces. */
function blankSpans(s: string, spans: { start: number; end: number }[]): string {
  const cuts = spans
    .map((sp) => [Math.max(0, sp.start), Math.min(s.length, sp.end)] as const)
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  let out = '';
  let at = 0;
  for (const [a, b] of cuts) {
    if (b <= at) continue;
    const from = Math.max(a, at);
    out += s.slice(at, from) + ' '.repeat(b - from);
    at = b;
  }
  return at === 0 ? s : out + s.slice(at);
}

/** Replaces quoted strings by spaces (keeps lengths). */
function stripQuoted(s: string): string {
  return s.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, (m) => ' '.repeat(m.length));
}

function stripSingleQuoted(s: string): string {
  return s.replace(/'[^']*'/g, (m) => ' '.repeat(m.length));
}

function firstWord(s: string): string {
  return /^\S+/.exec(s.trim())?.[0] ?? s.trim();
}

/** The single shell comment at the end of a shell-form script, if any. */
export function trailingComment(script: ShellScript): { start: number; end: number } | null {
  return script.comments.length === 1 ? script.comments[0]! : null;
}
