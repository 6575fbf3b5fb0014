import type { ShellCommand, ShellWord } from './shell.js';

/**
 * The first argument that is not an option (nor the value of an option that takes one): the subcommand
 * of `apt-get -y install …`, `apk --no-cache add …`, `npm ci`.
 */
export function subcommand(cmd: ShellCommand, optionsWithValue: ReadonlySet<string> = new Set()): { word: ShellWord; index: number } | null {
  for (let i = 0; i < cmd.args.length; i++) {
    const v = cmd.args[i]!.value;
    if (v === null) return null;
    if (v.startsWith('-')) {
      if (optionsWithValue.has(v)) i++;
      continue;
    }
    return { word: cmd.args[i]!, index: i };
  }
  return null;
}

/** `cmd` is `name` (one of) with the subcommand `sub` (one of; any when omitted). */
export function isCommand(cmd: ShellCommand, names: string | readonly string[], subs?: string | readonly string[], optionsWithValue?: ReadonlySet<string>): boolean {
  if (!cmd.name) return false;
  const nameList = typeof names === 'string' ? [names] : names;
  if (!nameList.includes(cmd.name)) return false;
  if (subs === undefined) return true;
  const sub = subcommand(cmd, optionsWithValue);
  if (!sub) return false;
  const subList = typeof subs === 'string' ? [subs] : subs;
  return subList.includes(sub.word.value ?? '');
}

/**
 * Whether the command has one of the options: long ones match `--x` and `--x=value`; a one-letter option
 * also matches inside a cluster such as `-yq`.
 */
export function hasOption(cmd: ShellCommand, longs: readonly string[], shortLetter?: string): boolean {
  return findOption(cmd, longs, shortLetter) !== null;
}

export function findOption(cmd: ShellCommand, longs: readonly string[], shortLetter?: string): ShellWord | null {
  // Indexed loops: this runs for most commands of a lint, much of it before V8 optimises it, where `for … of`
  // makes an iterator and a result object per step.
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = a.value;
    if (v === null) continue;
    if (v === '--') break;
    for (let k = 0; k < longs.length; k++) {
      const l = longs[k]!;
      if (v === l || isWithValue(v, l)) return a;
    }
    if (shortLetter && v.charCodeAt(0) === 45 /* - */ && v.includes(shortLetter) && /^-[A-Za-z0-9]+$/.test(v)) return a;
  }
  return null;
}

/** `v` is `name=…` (checked without making the string `name=`). */
function isWithValue(v: string, name: string): boolean {
  return v.length > name.length && v.charCodeAt(name.length) === 61 /* = */ && v.startsWith(name);
}

/** `[A-Za-z0-9]` (false for NaN, past the end of a string). */
function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Values of every occurrence of an option that takes a value (`-o X`, `--opt X`, `--opt=X`). */
export function optionValues(cmd: ShellCommand, names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < cmd.args.length; i++) {
    const v = cmd.args[i]!.value;
    if (v === null) continue;
    for (let k = 0; k < names.length; k++) {
      const n = names[k]!;
      if (v === n) {
        const next = cmd.args[i + 1]?.value;
        if (next !== null && next !== undefined) out.push(next);
      } else if (n.startsWith('--') && isWithValue(v, n)) out.push(v.slice(n.length + 1));
      else if (!n.startsWith('--') && v.startsWith(n) && v.length > n.length) out.push(v.slice(n.length));
    }
  }
  return out;
}

/**
 * Values of a one-letter option also where it ends a cluster of short options (`curl -fsSLo out`,
 * `wget -qO- url`, `-ofile`). `valueLetters` are the command's other letters that take a value: a cluster
 * that reaches one of them first gives the rest to that option.
 */
export function shortOptionValues(cmd: ShellCommand, letter: string, valueLetters: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < cmd.args.length; i++) {
    const v = cmd.args[i]!.value;
    if (v === '--') break;
    if (v === null || v.charCodeAt(0) !== 45 /* - */ || !isAsciiAlnum(v.charCodeAt(1))) continue;
    for (let k = 1; k < v.length; k++) {
      const ch = v[k]!;
      if (ch !== letter && !valueLetters.includes(ch)) continue;
      const rest = v.slice(k + 1);
      const value = rest !== '' ? rest : (cmd.args[i + 1]?.value ?? null);
      if (ch === letter && value !== null) out.push(value);
      if (rest === '') i++;
      break;
    }
  }
  return out;
}

/** Non-option arguments after the subcommand (package names for install commands). */
export function operands(cmd: ShellCommand, optionsWithValue: ReadonlySet<string> = new Set()): ShellWord[] {
  const sub = subcommand(cmd, optionsWithValue);
  if (!sub) return [];
  const out: ShellWord[] = [];
  for (let i = sub.index + 1; i < cmd.args.length; i++) {
    const w = cmd.args[i]!;
    const v = w.value;
    if (v !== null && v.startsWith('-')) {
      if (optionsWithValue.has(v)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

/** `rm` of a path under `prefix` (e.g. `rm -rf /var/lib/apt/lists/*`). */
export function removesPath(commands: readonly ShellCommand[], prefix: string): boolean {
  const p = prefix.replace(/\/+$/, '');
  return commands.some(
    (c) =>
      c.name === 'rm' &&
      c.args.some((a) => {
        const v = a.value ?? a.text;
        const clean = v.replace(/^["']|["']$/g, '').replace(/\/+$/, '');
        return clean === p || clean.startsWith(`${p}/`);
      }),
  );
}
