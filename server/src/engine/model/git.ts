import { hasOption, operands, subcommand } from './commands.js';
import type { ShellCommand, ShellWord } from './shell.js';

/** git's general options that take a value before the subcommand (`git -C dir clone …`). */
const GIT_OPTIONS_WITH_VALUE: ReadonlySet<string> = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env']);
/** `git clone` options that take their value as the next word. */
const CLONE_OPTIONS_WITH_VALUE: ReadonlySet<string> = new Set([
  '-b', '--branch', '-o', '--origin', '-u', '--upload-pack', '--depth', '--reference', '--reference-if-able',
  '--separate-git-dir', '-j', '--jobs', '-c', '--config', '--template', '--shallow-since', '--shallow-exclude',
  '--filter', '--server-option', '--bundle-uri', '--ref-format',
]);

export interface GitClone {
  cmd: ShellCommand;
  /** The `clone` word. */
  sub: ShellWord;
  /** The clone is shallow or partial (`--depth`, `--shallow-since`, `--shallow-exclude`, `--filter`). */
  shallow: boolean;
  /** The directory the clone creates, as written, or null when it cannot be read. */
  dir: string | null;
}

/** The command as a `git clone`, else null. */
export function gitClone(cmd: ShellCommand): GitClone | null {
  if (cmd.name !== 'git') return null;
  const sub = subcommand(cmd, GIT_OPTIONS_WITH_VALUE);
  if (!sub || sub.word.value !== 'clone') return null;
  const rest: ShellCommand = { ...cmd, args: cmd.args.slice(sub.index + 1) };
  const shallow = hasOption(rest, ['--depth', '--shallow-since', '--shallow-exclude', '--filter']);
  // operands() skips the first non-option word as a subcommand: prepend a stand-in for it.
  const words = operands({ ...rest, args: [sub.word, ...rest.args] }, CLONE_OPTIONS_WITH_VALUE);
  const url = words[0]?.value ?? null;
  const given = words[1];
  let dir: string | null = null;
  if (given) dir = given.value;
  else if (url) dir = url.replace(/\/+$/, '').replace(/\.git$/, '').split(/[/:]/).pop() || null;
  return { cmd, sub: sub.word, shallow, dir };
}

/** `git <sub>` for any subcommand other than clone (history may be needed: log, describe, checkout <sha>…). */
export function isGitOtherThanClone(cmd: ShellCommand): boolean {
  if (cmd.name !== 'git') return false;
  const sub = subcommand(cmd, GIT_OPTIONS_WITH_VALUE);
  return sub !== null && sub.word.value !== 'clone';
}
