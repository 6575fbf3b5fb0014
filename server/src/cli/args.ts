import { ct } from './messages.js';

/** A usage mistake: reported on one line, exit code 2. */
export class UsageError extends Error {}

export interface OptionSpec {
  /** Takes a value (`--name value` or `--name=value`). */
  value?: boolean;
  /** May be given more than once; values accumulate. */
  repeat?: boolean;
}

export interface Parsed {
  flags: Set<string>;
  values: Map<string, string[]>;
  positionals: string[];
}

/**
 * Parses the arguments that follow the command name. Long options only (plus `-h`), values after a space or
 * an `=`, `--` ends the options. Anything unknown is a UsageError naming it.
 */
export function parseArgs(argv: readonly string[], spec: Record<string, OptionSpec>): Parsed {
  const parsed: Parsed = { flags: new Set(), values: new Map(), positionals: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      parsed.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      parsed.flags.add('help');
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(ct('unknownOption', { option: arg }));
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const option = spec[name];
    if (!option) throw new UsageError(ct('unknownOption', { option: `--${name}` }));
    if (!option.value) {
      if (eq >= 0) throw new UsageError(ct('takesNoValue', { name }));
      parsed.flags.add(name);
      continue;
    }
    let value: string;
    if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(ct('needsValue', { name }));
      value = next;
      i++;
    }
    const list = parsed.values.get(name) ?? [];
    if (list.length > 0 && !option.repeat) throw new UsageError(ct('givenTwice', { name }));
    list.push(value);
    parsed.values.set(name, list);
  }
  return parsed;
}

/** The single value of an option, checked against the allowed choices. */
export function choice<T extends string>(parsed: Parsed, name: string, choices: readonly T[], fallback: T): T {
  const value = parsed.values.get(name)?.[0];
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(ct('mustBeOneOf', { name, choices: choices.join(', '), value }));
  }
  return value as T;
}
