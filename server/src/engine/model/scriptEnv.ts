/**
 * What a RUN's own script puts in the environment of the programs it starts later: `export NAME=value`,
 * `declare -x`/`typeset -x NAME=value`, and `readonly`/`local`/`declare NAME=value` of a variable that is in the
 * environment already (ENV, ARG, an earlier `export`). A command's own `NAME=value cmd` prefix is
 * `cmd.assignments`; ENV and ARG are the timeline's (`envTimeline.ts`).
 */
import type { ShellCommand, ShellScript } from './shellTypes.js';

const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);
const NAME = /^([A-Za-z_][A-Za-z0-9_]*)(\+?=)?/;

/**
 * The variables the script sets before `cmd` that `cmd` sees in its environment: name → value, null when the
 * value depends on an expansion (`export GOPATH=$(go env GOPATH)`). `inherited` says whether a name is in the
 * environment the RUN starts with. Declarations inside a subshell that does not hold `cmd`, in a function body
 * or a command substitution are left out (their variables end there).
 */
export function scriptExports(script: ShellScript, cmd: ShellCommand, inherited: (name: string) => boolean): Map<string, string | null> {
  const values = new Map<string, string | null>();
  const exported = new Set<string>();
  for (const c of script.commands) {
    if (c.start >= cmd.start) break;
    if (c.nested || !c.name || !DECLARATIONS.has(c.name) || !c.nameWord) continue;
    if (c.subshell && !(cmd.start >= c.subshell.start && cmd.end <= c.subshell.end)) continue;
    let exports = c.name === 'export';
    let skip = false;
    for (const a of c.args) {
      const v = a.value;
      if (v !== null && /^[-+][A-Za-z]+$/.test(v)) {
        // -f: functions; -p: printing; export -n / +x: taking a name out of the environment.
        if (/[fp]/.test(v) || v.startsWith('+') || (c.name === 'export' && v.includes('n'))) skip = true;
        else if (v.includes('x')) exports = true;
        continue;
      }
      if (skip) break;
      const m = NAME.exec(v ?? a.text.replace(/^["']/, ''));
      if (!m) continue;
      const name = m[1]!;
      if (m[2] === '=') values.set(name, v === null ? null : v.slice(m[0].length));
      else if (m[2] === '+=') values.set(name, null);
      if (exports) exported.add(name);
    }
  }
  const out = new Map<string, string | null>();
  for (const [name, value] of values) if (exported.has(name) || inherited(name)) out.set(name, value);
  return out;
}
