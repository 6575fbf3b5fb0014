/**
 * What a RUN's own script puts in (or takes out of) the environment of the programs it starts later, as dash and
 * bash do it: `export NAME=value`, `declare -x`/`typeset -x NAME=value`; a bare `NAME=value` statement or
 * `readonly`/`local`/`declare NAME=value` changes the environment only when NAME is exported (ENV, ARG, an
 * earlier or later `export NAME`); `export -n NAME`, `declare +x NAME` and `unset NAME` take it out. A command's
 * own `NAME=value cmd` prefix is `cmd.assignments`; ENV and ARG are the timeline's (`envTimeline.ts`).
 */
import type { ShellCommand, ShellScript } from './shellTypes.js';

const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'readonly', 'local', 'unset']);
const NAME = /^([A-Za-z_][A-Za-z0-9_]*)(\+?=)?/;
/** The variable was unset (`unset NAME`): no value, not exported. */
const UNSET = Symbol('unset');

/**
 * The variables the script changes before `cmd` in `cmd`'s environment: name → value, null when the value
 * depends on an expansion (`export GOPATH=$(go env GOPATH)`), undefined when the script took it out of the
 * environment (`unset`, `export -n`). `inherited` says whether a name is in the environment the RUN starts
 * with (ENV and ARG values are). Statements inside a subshell that does not hold `cmd`, in a function body or
 * a command substitution are left out (their variables end there).
 */
export function scriptExports(script: ShellScript, cmd: ShellCommand, inherited: (name: string) => boolean): Map<string, string | null | undefined> {
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
