/** What a stage runs when a container starts: its effective ENTRYPOINT and CMD. */
import type { JSONInstruction } from 'dockerfile-ast';
import { buildEnvironmentTool } from './buildEnvironment.js';
import { chainOf } from './chain.js';
import { jsonStrings, type DockerfileModel, type Inst, type Stage } from './model.js';
import { parseShell, parseShellAt, type ShellWord } from './shell.js';
import { logicalShellText } from './shellText.js';

export interface StartPart {
  inst: Inst;
  /** Exec form: the JSON strings. Shell form: the words of the first command (null when it does not parse). */
  words: ShellWord[] | null;
  shellForm: boolean;
  /** Shell form: the parsed script (offsets in the document). */
  script: ReturnType<typeof parseShell> | null;
}

export interface StartCommand {
  entrypoint: StartPart | null;
  cmd: StartPart | null;
}

function part(model: DockerfileModel, inst: Inst): StartPart | null {
  const node = inst.node as JSONInstruction;
  const args = node.getArguments();
  if (args.length === 0) return null;
  if (node.getOpeningBracket() && node.getClosingBracket()) {
    return { inst, words: jsonStrings(model, node), shellForm: false, script: null };
  }
  const start = model.lines.offsetAt(args[0]!.getRange().start);
  const end = model.lines.offsetAt(args[args.length - 1]!.getRange().end);
  const script = parseShellAt(logicalShellText(model.text.slice(start, end), model.escapeChar), start);
  const first = script.commands[0];
  const words = first?.nameWord ? [first.nameWord, ...first.args] : null;
  return { inst, words, shellForm: true, script };
}

/**
 * The ENTRYPOINT and CMD in force at the end of a stage, following its FROM chain. As in BuildKit, an
 * ENTRYPOINT clears a CMD inherited from an earlier stage but not one set earlier in the same stage.
 * ONBUILD triggers are left out. What the external base image sets is unknown.
 */
export function startCommand(model: DockerfileModel, stage: Stage): StartCommand {
  const out: StartCommand = { entrypoint: null, cmd: null };
  for (const s of chainOf(stage)) {
    let cmdSetHere = false;
    for (const i of s.instructions) {
      if (i.onbuild) continue;
      if (i.keyword === 'CMD') {
        out.cmd = part(model, i);
        cmdSetHere = true;
      } else if (i.keyword === 'ENTRYPOINT') {
        out.entrypoint = part(model, i);
        if (!cmdSetHere) out.cmd = null;
      }
    }
  }
  return out;
}

/** Basename of a program path. */
export function programName(word: ShellWord | undefined): string | null {
  const v = word?.value;
  if (!v) return null;
  return v.slice(v.lastIndexOf('/') + 1);
}

const INTERPRETERS = /^(?:python[\d.]*|node|nodejs|irb|ruby|php|bash|sh|ash|dash|zsh|jshell|ghci|iex|erl|julia|R|lua[\d.]*|perl|pwsh|powershell|cmd|deno|bun|dotnet)$/;

/** A wrapper ENTRYPOINT that hands over to CMD by convention: a `*-entrypoint*` or `*.sh` script. */
export function isWrapperEntrypoint(p: StartPart | null): boolean {
  if (!p || p.shellForm || !p.words || p.words.length !== 1) return false;
  const name = programName(p.words[0]);
  return name !== null && (/entrypoint/i.test(name) || name.endsWith('.sh'));
}

/** Small init programs that run a child, forward signals to it and reap orphans. */
const INITS = new Set(['tini', 'tini-static', 'dumb-init', 'catatonit', 'docker-init', 's6-svscan', 'init']);

/** The start command runs an init first (`tini`, `dumb-init`, s6-overlay's `/init`…). */
export function startsWithInit(p: StartPart): boolean {
  const first = p.words?.[0]?.value;
  if (!first) return false;
  return first === '/init' || INITS.has(programName(p.words![0]) ?? '');
}

/** An init ENTRYPOINT that runs the CMD as its child: `["tini", "--"]`, `["/usr/bin/dumb-init", "--"]`. */
export function isInitEntrypoint(p: StartPart | null): boolean {
  if (!p || p.shellForm || !p.words || !startsWithInit(p)) return false;
  return p.words.slice(1).every((w) => w.value !== null && /^(?:--|-[a-zA-Z]+)$/.test(w.value));
}

/**
 * A start that runs nothing but keeps the container alive for `docker exec` sessions, as development
 * containers do: `sleep infinity`, `tail -f /dev/null`.
 */
function isIdle(words: readonly ShellWord[]): boolean {
  const v = words.map((w) => w.value);
  const name = programName(words[0]);
  if (name === 'sleep') return v.length === 2 && (v[1] === 'infinity' || v[1] === 'inf');
  return name === 'tail' && v.length === 3 && (v[1] === '-f' || v[1] === '-F') && v[2] === '/dev/null';
}

/**
 * The Dockerfile defines an image to build on or work in rather than an application: it starts no program
 * of its own (no CMD/ENTRYPOINT, an interactive interpreter or shell such as `python3`, `node`, `irb`,
 * `php -a`, `bash`, or an idle `sleep infinity` to exec into, possibly behind a wrapper entrypoint script or
 * an init such as tini). Official language images and development containers are like this. So is an image
 * that installs tools for building root file systems or packages in a chroot (`debootstrap`, `sbuild`…) and
 * leaves them for the container: whatever it starts, it starts a build (`buildEnvironment.ts`).
 */
export function isBaseImageDefinition(model: DockerfileModel, stage: Stage): boolean {
  if (buildEnvironmentTool(stage) !== null) return true;
  const { entrypoint, cmd } = startCommand(model, stage);
  if (!entrypoint && !cmd) return true;
  if (entrypoint && !isWrapperEntrypoint(entrypoint) && !isInitEntrypoint(entrypoint)) return false;
  if (!cmd || !cmd.words || cmd.words.length === 0) return false;
  if (isIdle(cmd.words)) return true;
  const name = programName(cmd.words[0]);
  if (name === null || !INTERPRETERS.test(name)) return false;
  const rest = cmd.words.slice(1).map((w) => w.value);
  return rest.every((v) => v === '-a' || v === '-i');
}
