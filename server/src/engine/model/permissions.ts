/**
 * `chmod` and `chown` commands as data, the mode and owner flags of COPY/ADD, and an edit that takes one
 * command out of a RUN.
 */
import type { Flag, ModifiableInstruction } from 'dockerfile-ast';
import type { TextEdit } from 'vscode-languageserver-types';
import { replaceSpan } from '../edits.js';
import { wholeLinesSpan } from './order.js';
import type { DockerfileModel, Inst, RunInfo } from './model.js';
import { logicalShellText, type ShellCommand, type ShellWord } from './shell.js';

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

/** Inserts a flag (`--chmod=755`) into a COPY or ADD, after its other flags. */
export function addCopyFlag(model: DockerfileModel, inst: Inst, flag: string): TextEdit {
  const flags = (inst.node as ModifiableInstruction).getFlags?.() ?? [];
  const last = flags[flags.length - 1];
  const at = last ? model.lines.offsetAt(last.getRange().end) : model.lines.offsetAt(inst.node.getInstructionRange().end);
  return replaceSpan(model, at, at, ` ${flag}`);
}

// ---------------------------------------------------------------------------------------------------------
// Taking a command out of a RUN

interface Element {
  start: number;
  end: number;
  commands: ShellCommand[];
  /** The operator after it: `&&`, `||`, `;`, `&`, a line break, or '' at the end. */
  after: string;
}

const TRIVIAL = new Set(['set', 'true', ':']);

/**
 * The edit that removes one command from a RUN: the whole instruction (its lines) when nothing but `set`,
 * `true` or `:` would be left, else the command and the `&&` or `;` that joins it to its neighbour. Null
 * when that cannot be done cleanly: the command is part of a pipeline, a condition, a loop or an `||`
 * chain, a comment line sits in the text that would go, or the script could not be read.
 */
export function removeCommand(model: DockerfileModel, inst: Inst & { run: RunInfo }, cmd: ShellCommand): TextEdit | null {
  const { run } = inst;
  const script = run.script;
  if (!script || script.hasError || cmd.nested) return null;
  const elements = elementsOf(model, run);
  const index = elements.findIndex((e) => e.commands.length === 1 && e.commands[0] === cmd && e.start === cmd.start && e.end === cmd.end);
  if (index < 0) return null;
  const others = elements.filter((_, i) => i !== index);
  const trivial = (e: Element): boolean => e.commands.length === 1 && e.commands[0]!.start === e.start && e.commands[0]!.end === e.end && TRIVIAL.has(e.commands[0]!.name ?? '');
  if (others.every(trivial)) {
    const span = wholeLinesSpan(model, inst);
    return span ? replaceSpan(model, span.start, span.end, '') : null;
  }
  if (cmd.json) return null;
  const e = elements[index]!;
  const prev = elements[index - 1];
  const next = elements[index + 1];
  const joins = (op: string): boolean => op === '&&' || op === ';' || op === '\n';
  if (!joins(e.after) && e.after !== '') return null;
  let start: number;
  let end: number;
  if (prev) {
    if (!joins(prev.after)) return null;
    start = prev.end;
    end = e.end;
  } else {
    if (!next || !joins(e.after)) return null;
    start = e.start;
    end = next.start;
  }
  const removed = model.text.slice(start, end);
  if (removed.split(/\r\n|\r|\n/).slice(1).some((l) => l.trimStart().startsWith('#'))) return null;
  return replaceSpan(model, start, end, '');
}

/** The top-level pieces of a script: statements, with plain `&&`/`||` chains split into their commands. */
function elementsOf(model: DockerfileModel, run: RunInfo): Element[] {
  const script = run.script!;
  const logical = run.form === 'shell' ? logicalShellText(model.text.slice(run.bodyStart, run.bodyEnd), model.escapeChar) : null;
  const at = (start: number, end: number): string => (logical === null ? model.text.slice(start, end) : logical.slice(start - run.bodyStart, end - run.bodyStart));
  const out: Element[] = [];
  for (const s of script.statements) {
    const inner = script.commands.filter((c) => !c.nested && c.start >= s.start && c.end <= s.end);
    const gaps = inner.slice(1).map((c, i) => at(inner[i]!.end, c.start).trim());
    const chain =
      s.type === 'list' && inner.length > 1 && inner[0]!.start === s.start && inner[inner.length - 1]!.end === s.end && gaps.every((g) => g === '&&' || g === '||');
    if (chain) inner.forEach((c, i) => out.push({ start: c.start, end: c.end, commands: [c], after: i < gaps.length ? gaps[i]! : normalOp(s.after) }));
    else out.push({ start: s.start, end: s.end, commands: inner, after: normalOp(s.after) });
  }
  // Statements on lines of their own (a heredoc script) are separated by line breaks the parser does not list.
  for (let i = 0; i < out.length - 1; i++) if (out[i]!.after === '') out[i]!.after = '\n';
  return out;
}

function normalOp(op: string): string {
  return op === '\r\n' || op === '\r' ? '\n' : op;
}
