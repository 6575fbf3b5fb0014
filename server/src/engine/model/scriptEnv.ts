/**
 * What a RUN's own script puts in (or takes out of) the environment of the programs it starts later, as dash and
 * bash do it: `export NAME=value`, `declare -x`/`typeset -x NAME=value`; a bare `NAME=value` statement or
 * `readonly`/`local`/`declare NAME=value` changes the environment only when NAME is exported (ENV, ARG, an
 * earlier or later `export NAME`); `export -n NAME`, `declare +x NAME` and `unset NAME` take it out. A command's
 * own `NAME=value cmd` prefix is `cmd.assignments`, and ends with the command, but for dash: in POSIX sh an
 * assignment before a special built-in (`X=7 :`, `X=7 eval …`, `X=7 set -e`) stays after it, as a bare `X=7`
 * does; bash (not in POSIX mode) drops it like any prefix. Checked here with dash 0.5 and bash 5:
 * `dash -c 'X=7 :; echo $X'` prints 7, `bash -c` the same prints nothing, `bash --posix -c` prints 7; in dash
 * the value is exported only when X is (`export X; X=7 :; sh -c 'echo $X'` prints 7), and a function call or a
 * regular built-in (`X=7 f`, `X=7 true`) keeps nothing. ENV and ARG are the timeline's (`timeline.ts`).
 */
import type { ShellCommand, ShellScript } from './shellTypes.js';

const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'readonly', 'local', 'unset']);
/** POSIX special built-ins (XCU 2.14): an assignment before one stays in the shell (dash; bash in POSIX mode). */
const SPECIAL_BUILTINS = new Set([':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset']);
const NAME = /^([A-Za-z_][A-Za-z0-9_]*)(\+?=)?/;
/** The variable was unset (`unset NAME`): no value, not exported. */
const UNSET = Symbol('unset');

/**
 * The variables the script changes before `cmd` in `cmd`'s environment: name → value, null when the value
 * depends on an expansion (`export GOPATH=$(go env GOPATH)`), undefined when the script took it out of the
 * environment (`unset`, `export -n`). `inherited` says whether a name is in the environment the RUN starts
 * with (ENV and ARG values are). Statements inside a subshell that does not hold `cmd`, in a function body or
 * a command substitution are left out (their variables end there). `dashText` gives the document's text when
 * the script runs in dash (`runsInDash`), else null: there a special built-in's prefix assignments stay. It is
 * asked only when the script has such a command.
 */
export function scriptExports(
  script: ShellScript,
  cmd: ShellCommand,
  inherited: (name: string) => boolean,
  dashText: () => string | null = () => null,
): Map<string, string | null | undefined> {
  let text: string | null | undefined;
  const values = new Map<string, string | null | typeof UNSET>();
  const exported = new Map<string, boolean>();
  const isExported = (name: string): boolean => exported.get(name) ?? inherited(name);
  const statements = script.variables ? [...script.commands, ...script.variables].sort((a, b) => a.start - b.start) : script.commands;
  for (const c of statements) {
    if (c.start >= cmd.start) break;
    if (c.nested || (c.subshell && !(cmd.start >= c.subshell.start && cmd.end <= c.subshell.end))) continue;
    if (!c.name) {
      // A bare `NAME=value`: a shell variable, in the environment only when NAME is exported.
      for (const a of c.assignments) values.set(a.name, a.value);
      continue;
    }
    // `X=7 :` in dash: the prefix stays, as a bare `X=7` does.
    if (SPECIAL_BUILTINS.has(c.name) && c.assignments.length > 0 && (text ??= dashText()) !== null && prefixOnly(c, text)) {
      for (const a of c.assignments) values.set(a.name, a.value);
    }
    if (!DECLARATIONS.has(c.name) || !c.nameWord) continue;
    let exports: boolean | undefined = c.name === 'export' ? true : undefined;
    let skip = false;
    for (const a of c.args) {
      const v = a.value;
      if (v !== null && /^[-+][A-Za-z]+$/.test(v)) {
        // -f: functions; -p: printing; export -n, declare +x: taking a name out of the environment.
        if (/[fp]/.test(v)) skip = true;
        else if (c.name === 'export' && v.includes('n')) exports = false;
        else if (v.includes('x')) exports = v.startsWith('-');
        continue;
      }
      if (skip) break;
      const m = NAME.exec(v ?? a.text.replace(/^["']/, ''));
      if (!m) continue;
      const name = m[1]!;
      if (c.name === 'unset') {
        values.set(name, UNSET);
        exported.set(name, false);
        continue;
      }
      if (m[2] === '=') values.set(name, v === null ? null : v.slice(m[0].length));
      else if (m[2] === '+=') values.set(name, null);
      if (exports !== undefined) exported.set(name, exports);
    }
  }
  const out = new Map<string, string | null | undefined>();
  for (const name of new Set([...values.keys(), ...exported.keys()])) {
    const value = values.get(name);
    if (isExported(name)) {
      if (value === UNSET) out.set(name, undefined); // `unset X; export X`: exported, but with no value yet
      else if (value !== undefined) out.set(name, value);
    } else if (inherited(name)) out.set(name, undefined);
  }
  return out;
}

/**
 * The command's assignments are its own prefix, right before its name: not given by a wrapper the parser
 * unwrapped (`env X=7 :`, `X=7 command :`, `X=7 exec …`, which keep nothing), so only blanks and line
 * continuations lie between them and the name.
 */
function prefixOnly(c: ShellCommand, text: string): boolean {
  if (!c.nameWord || c.assignments[0]!.start !== c.start) return false;
  let at = c.start;
  for (const a of c.assignments) {
    if (!BLANK.test(text.slice(at, a.start))) return false;
    at = a.end;
  }
  return BLANK.test(text.slice(at, c.nameWord.start));
}

const BLANK = /^(?:[ \t]|[\\`](?:\r?\n|\r))*$/;
