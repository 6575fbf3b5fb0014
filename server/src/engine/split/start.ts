/**
 * What the image starts (CMD, ENTRYPOINT, HEALTHCHECK) as argv, and how to write a shell-form command in
 * exec form for a runtime without `/bin/sh`.
 */
import type { JSONInstruction } from 'dockerfile-ast';
import { jsonStrings, type DockerfileModel, type Inst } from '../model/model.js';
import { parseShell } from '../model/shell.js';
import { logicalShellText } from '../model/shellText.js';
import type { Message } from '../i18n/locale.js';
import { both } from './messages.js';

/** The shell feature that keeps a command from exec form (a key of the split's messages). */
type ShellFeature = 'shellUnparsed' | 'shellComment' | 'shellChains' | 'shellSyntax' | 'shellAssigns' | 'shellWrapper' | 'shellExpands' | 'shellGlobs';

export interface StartPart {
  inst: Inst;
  keyword: 'CMD' | 'ENTRYPOINT' | 'HEALTHCHECK';
  /** Written in exec form (a JSON array). */
  exec: boolean;
  /** The argv: as written (exec form) or as it would be without a shell (shell form); null when that needs a shell. */
  argv: string[] | null;
  /** Shell form that cannot be written as argv: which shell feature it uses. */
  needsShell: Message | null;
  /** The program it starts (first word), also for shell form that needs a shell; null when not static. */
  program: string | null;
  /** Document offsets of the command text (after `CMD`, or after `HEALTHCHECK … CMD`). */
  start: number;
  end: number;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'busybox']);

/** CMD/ENTRYPOINT/HEALTHCHECK as a start part; null for an empty one or `HEALTHCHECK NONE`. */
export function startPart(model: DockerfileModel, inst: Inst): StartPart | null {
  const keyword = inst.keyword as StartPart['keyword'];
  const node = inst.node as JSONInstruction;
  const args = node.getArguments();
  if (args.length === 0) return null;
  let first = 0;
  if (keyword === 'HEALTHCHECK') {
    // `HEALTHCHECK [--interval=…] CMD <command>`; flags are not arguments.
    const cmdIndex = args.findIndex((a) => a.getValue().toUpperCase() === 'CMD');
    if (cmdIndex < 0) return null;
    first = cmdIndex + 1;
    if (first >= args.length) return null;
  }
  const start = model.lines.offsetAt(args[first]!.getRange().start);
  const end = model.lines.offsetAt(args[args.length - 1]!.getRange().end);
  const raw = model.text.slice(start, end);
  if (raw.startsWith('[')) {
    const words = keyword === 'HEALTHCHECK' ? parseJsonArray(raw) : node.getOpeningBracket() && node.getClosingBracket() ? jsonStrings(model, node).map((w) => w.value) : null;
    if (words && words.every((w): w is string => w !== null)) {
      const program = words[0] ?? null;
      return { inst, keyword, exec: true, argv: words, needsShell: program !== null && SHELLS.has(basename(program)) ? both('runsShell', { program }) : null, program, start, end };
    }
  }
  const converted = shellToArgv(model, raw);
  if (Array.isArray(converted)) return { inst, keyword, exec: false, argv: converted, needsShell: null, program: converted[0] ?? null, start, end };
  const head = parseShell(logicalShellText(raw, model.escapeChar)).commands[0];
  return { inst, keyword, exec: false, argv: null, needsShell: both(converted), program: head?.nameWord?.value ?? null, start, end };
}

function parseJsonArray(raw: string): (string | null)[] | null {
  try {
    const v: unknown = JSON.parse(raw.replace(/[\r\n]/g, ' '));
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
  } catch {
    return null;
  }
}

/**
 * The argv of a shell-form command when it uses no shell feature (no variables, globs, operators,
 * redirections, assignments or comments); otherwise the message naming the feature.
 */
export function shellToArgv(model: DockerfileModel, raw: string): string[] | ShellFeature {
  const script = parseShell(logicalShellText(raw, model.escapeChar));
  if (script.hasError) return 'shellUnparsed';
  if (script.comments.length > 0) return 'shellComment';
  if (script.statements.length !== 1 || script.statements[0]!.type !== 'command' || script.statements[0]!.after !== '') {
    return 'shellChains';
  }
  const cmd = script.commands[0];
  if (!cmd || script.commands.length !== 1 || !cmd.nameWord) return 'shellSyntax';
  if (cmd.assignments.length > 0) return 'shellAssigns';
  if (cmd.start !== script.statements[0]!.start || cmd.end !== script.statements[0]!.end) return 'shellSyntax';
  // The parser unwraps `exec`, `env` and the like; `exec prog` is `prog` without a shell, others are kept.
  const before = raw.slice(0, cmd.nameWord.start).trim();
  if (before !== '' && before !== 'exec') return 'shellWrapper';
  const out: string[] = [];
  for (const w of [cmd.nameWord, ...cmd.args]) {
    if (w.value === null) return 'shellExpands';
    if (/^~|[*?[]/.test(w.text.replace(/'[^']*'|"[^"]*"/g, ''))) return 'shellGlobs';
    out.push(w.value);
  }
  return out;
}

/** `["./server", "--port", "80"]` as Dockerfile exec form. */
export function execForm(argv: readonly string[]): string {
  return `[${argv.map((w) => JSON.stringify(w)).join(', ')}]`;
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The ENTRYPOINT and CMD in force at the end of the stage's own instructions, and its HEALTHCHECK. */
export interface StartCommand {
  entrypoint: StartPart | null;
  cmd: StartPart | null;
  healthcheck: StartPart | null;
  /** Every CMD/ENTRYPOINT/HEALTHCHECK instruction of the stage, in order (earlier ones are overridden). */
  all: Inst[];
}

export function stageStart(model: DockerfileModel, instructions: readonly Inst[]): StartCommand {
  const out: StartCommand = { entrypoint: null, cmd: null, healthcheck: null, all: [] };
  let cmdInst: Inst | null = null;
  let entrypointInst: Inst | null = null;
  let healthInst: Inst | null = null;
  for (const i of instructions) {
    if (i.onbuild) continue;
    if (i.keyword === 'CMD') cmdInst = i;
    else if (i.keyword === 'ENTRYPOINT') entrypointInst = i;
    else if (i.keyword === 'HEALTHCHECK') healthInst = i;
    else continue;
    out.all.push(i);
  }
  if (cmdInst) out.cmd = startPart(model, cmdInst);
  if (entrypointInst) out.entrypoint = startPart(model, entrypointInst);
  if (healthInst) out.healthcheck = startPart(model, healthInst);
  return out;
}

/** The program the container starts: the first word of ENTRYPOINT, else of CMD. */
export function startedProgram(start: StartCommand): { part: StartPart; program: string } | null {
  const part = start.entrypoint ?? start.cmd;
  return part && part.program !== null ? { part, program: part.program } : null;
}

/** The argv the container runs: ENTRYPOINT followed by CMD (exec forms), null when a part needs a shell. */
export function fullArgv(start: StartCommand): string[] | null {
  const e = start.entrypoint;
  const c = start.cmd;
  if (e && !e.argv) return null;
  if (e && !e.exec) return e.argv; // shell-form ENTRYPOINT ignores CMD
  if (c && !c.argv) return e ? e.argv : null;
  return [...(e?.argv ?? []), ...(c?.argv ?? [])];
}
