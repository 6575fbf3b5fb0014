/**
 * `chmod` and `chown` commands as data, and the mode and owner flags of COPY/ADD. (The edits that add a flag
 * or take a command out of a RUN are fix helpers: `edits.ts`.)
 */
import type { Flag, ModifiableInstruction } from 'dockerfile-ast';
import type { Inst } from './model.js';
import type { ShellCommand, ShellWord } from './shell.js';

export interface ModeCommand {
  kind: 'chmod' | 'chown';
  cmd: ShellCommand;
  /** `-R`/`--recursive`. */
  recursive: boolean;
  /** The mode (`755`, `+x`) or owner (`app:app`) word; null with `--reference`. */
  spec: ShellWord | null;
  /** The paths it changes. */
  operands: ShellWord[];
  /** Options that change which files it touches or where it gets the mode or owner from (`--reference`, `-h`…). */
  special: string[];
  /** A word in the place of an option that depends on expansions (`chmod $FLAGS 755 /x`). */
  opaque: boolean;
}

/** Option letters that only change what `chmod`/`chown` print or how they fail. */
const QUIET_LETTERS = /^-[cfvR]+$/;
const CHOWN_LETTERS = /^-[cfvRhHLP]+$/;
const PLAIN_LONG = new Set(['--recursive', '--changes', '--silent', '--quiet', '--verbose', '--preserve-root', '--no-preserve-root']);

/** Reads a `chmod` or `chown` command (GNU coreutils and BusyBox syntax); null for other commands. */
export function modeCommand(cmd: ShellCommand): ModeCommand | null {
  if (cmd.name !== 'chmod' && cmd.name !== 'chown') return null;
  const kind = cmd.name;
  const out: ModeCommand = { kind, cmd, recursive: false, spec: null, operands: [], special: [], opaque: false };
  let reference = false;
  let options = true;
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value;
    if (options && v === '--') {
      options = false;
      continue;
    }
    if (options && v !== null && v.startsWith('--')) {
      const name = v.split('=')[0]!;
      if (name === '--recursive') out.recursive = true;
      if (PLAIN_LONG.has(name)) continue;
      out.special.push(name);
      if (name === '--reference') reference = true;
      if ((name === '--reference' || name === '--from') && !v.includes('=')) i++;
      continue;
    }
    const letters = kind === 'chmod' ? QUIET_LETTERS : CHOWN_LETTERS;
    if (options && v !== null && letters.test(v)) {
      if (v.includes('R')) out.recursive = true;
      for (const ch of v.slice(1)) if ('hHLP'.includes(ch)) out.special.push(`-${ch}`);
      continue;
    }
    if (!out.spec && !reference) {
      // The first other word is the mode or owner (chmod reads `-x` as a mode); it may be a variable.
      out.spec = w;
      continue;
    }
    if (options && v !== null && v.startsWith('-') && v.length > 1) {
      out.opaque = true;
      continue;
    }
    out.operands.push(w);
  }
  return out;
}

/** `755`, `0755`: an octal mode without setuid, setgid or sticky bits. */
export function plainOctalMode(spec: string): boolean {
  return /^0?[0-7]{3}$/.test(spec);
}

/**
 * The `--chown` value that gives copied files the owner `chown <spec>` gives files COPY made (owned by 0:0),
 * or null when there is none: `user` keeps group 0 (COPY would give the group the user's number), `:group`
 * keeps user 0, and `user:` (the user's login group) and the old `user.group` form cannot be written as a flag.
 */
export function chownFlagValue(spec: string): string | null {
  const part = '[A-Za-z0-9_][A-Za-z0-9_.-]*\\$?';
  const m = new RegExp(`^(${part})?(?::(${part})?)?$`).exec(spec);
  if (!m || spec === '' || spec === ':') return null;
  const [, user, group] = m;
  if (spec.includes(':')) {
    if (!group) return null;
    return `${user ?? '0'}:${group}`;
  }
  if (user!.includes('.')) return null;
  return `${user}:0`;
}

/** Whether a name or number in an owner spec is a number (needs no /etc/passwd or /etc/group entry). */
export function numericOwner(value: string): boolean {
  return value.split(':').every((p) => /^\d+$/.test(p));
}

/** A `--chown`/`--chmod` flag of a COPY or ADD. */
export function copyFlag(inst: Inst, name: 'chown' | 'chmod'): Flag | null {
  const flags = (inst.node as ModifiableInstruction).getFlags?.() ?? [];
  return flags.find((f) => f.getName().toLowerCase() === name) ?? null;
}
