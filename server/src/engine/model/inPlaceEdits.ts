/**
 * Commands that rewrite files in place (`sed -i`, `dos2unix`): the file is written again, in the
 * layer of the RUN that edits it, whatever else that RUN does to it.
 */
import type { ShellCommand, ShellWord } from './shell.js';

/** The file operands a command rewrites in place; empty for other commands (or an unreadable `sed -i`). */
export function rewrittenInPlace(cmd: ShellCommand): ShellWord[] {
  const args = cmd.args;
  const files = (from: number): ShellWord[] => args.slice(from).filter((a) => a.value === null || !a.value.startsWith('-'));
  switch (cmd.name) {
    case 'dos2unix':
    case 'unix2dos':
      return files(0);
    case 'sed': {
      if (!args.some((a) => a.value !== null && (/^-[a-zA-Z]*i/.test(a.value) || a.value.startsWith('--in-place')))) return [];
      // The script is the first operand unless `-e`/`-f` gave it.
      const scripted = args.some((a) => a.value !== null && /^(?:-[a-zA-Z]*[ef]|--expression|--file)/.test(a.value));
      const operands: ShellWord[] = [];
      for (let i = 0; i < args.length; i++) {
        const v = args[i]!.value;
        if (v !== null && /^(?:-[a-zA-Z]*[ef]|--expression|--file)$/.test(v)) {
          i++;
          continue;
        }
        if (v === null || !v.startsWith('-')) operands.push(args[i]!);
      }
      return scripted ? operands : operands.slice(1);
    }
    default:
      return [];
  }
}
