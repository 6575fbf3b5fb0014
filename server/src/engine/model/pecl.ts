import { subcommand } from './commands.js';
import type { ShellCommand, ShellWord } from './shell.js';

/** Where pecl and pear download archives (`download/`) and build extensions (`temp/`) by default. */
export const PEAR_TEMP_DIR = '/tmp/pear';

/** pecl/pear options that take their value as the next word (`-c file`, `-d key=value`). */
const PECL_OPTIONS_WITH_VALUE: ReadonlySet<string> = new Set(['-c', '-C', '-d', '-D']);

export interface PeclCall {
  cmd: ShellCommand;
  /** The subcommand word as written. */
  sub: ShellWord;
  /** `install`, `upgrade`, `config-set`… (`i` → `install`, `up` → `upgrade`). */
  action: string;
}

const ALIASES = new Map([
  ['i', 'install'],
  ['up', 'upgrade'],
]);

/** A `pecl` or `pear` call with a static subcommand, else null. `pecl upgrade` downloads and builds like install. */
export function peclCall(cmd: ShellCommand): PeclCall | null {
  if (cmd.name !== 'pecl' && cmd.name !== 'pear') return null;
  const found = subcommand(cmd, PECL_OPTIONS_WITH_VALUE);
  if (!found || found.word.value === null) return null;
  const action = ALIASES.get(found.word.value) ?? found.word.value;
  return { cmd, sub: found.word, action: action === 'upgrade' ? 'install' : action };
}
