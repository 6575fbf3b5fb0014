import {
  type Flag,
  type From,
  type Instruction,
  type JSONInstruction,
  type ModifiableInstruction,
  type Onbuild,
  type Run,
} from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { argumentStart, firstArgument } from './astMemo.js';
import { LineTable, dominantEol } from '../text.js';
import { builtFrom, movedRun, parseText, reparseText } from './incremental.js';
import { fitShellCache, parseShellAt, type ShellCommand, type ShellScript, type ShellWord } from './shell.js';
import { basename, logicalShellText } from './shellText.js';
import { KeyedCache } from '../memo.js';

export interface Directive {
  name: string;
  value: string;
  range: Range;
}

/** A BuildKit `--mount=…` flag on a RUN. */
export interface Mount {
  type: string;
  target: string | null;
  options: Record<string, string>;
}

/** The RUN-specific part of an instruction. */
export interface RunInfo {
  /** `shell`: shell form; `exec`: JSON array; `heredoc`: the script is in a heredoc. */
  form: 'shell' | 'exec' | 'heredoc';
  flags: Flag[];
  mounts: Mount[];
  /** The shell this RUN runs with (SHELL instruction, else the platform default). */
  shell: string[];
  /** The shell is a POSIX one (sh, bash, dash, ash…) and the script could be read. */
  posix: boolean;
  /** Parsed script, offsets in document coordinates; null when not a POSIX script. */
  script: ShellScript | null;
  /** Where the instruction's command text starts and ends (after RUN and its flags). */
  bodyStart: number;
  bodyEnd: number;
}

export interface Inst {
  /** Upper-case keyword (`RUN`, `COPY`, …). For ONBUILD triggers: the trigger's keyword. */
  keyword: string;
  node: Instruction;
  stage: Stage | null;
  /** Set when this instruction is an ONBUILD trigger: the ONBUILD instruction that holds it. */
  onbuild: Onbuild | null;
  range: Range;
  start: number;
  end: number;
  run?: RunInfo;
  /** Index in `model.instructions`. */
  index: number;
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as BuildKit matches it; null when unnamed. */
  name: string | null;
  from: From;
  fromInst: Inst;
  /** Image text as written after FROM (flags removed). */
  imageText: string;
  /** Image with build ARGs substituted from their defaults; null when an ARG has no default. */
  image: string | null;
  /** The earlier stage this one builds FROM, if any. */
  parent: Stage | null;
  isFinal: boolean;
  /** It reaches the shipped image: the final stage and the stages it builds FROM; a last stage named test(s|ing) built FROM a stage runs tests (`--target` builds what ships): its parent is the tip. */
  ships: boolean;
  /** Instructions after FROM, ONBUILD triggers included (marked). */
  instructions: Inst[];
  start: number;
  end: number;
}

export interface DockerfileModel {
  text: string;
  lines: LineTable;
  eol: '\n' | '\r\n' | '\r';
  escapeChar: string;
  directives: Directive[];
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Map<string, string | null>;
  stages: Stage[];
  instructions: Inst[];
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);
const DEFAULT_SHELL = ['/bin/sh', '-c'];
const WINDOWS_SHELL = ['cmd', '/S', '/C'];

/** The model of `text`; with the model of an earlier version, unchanged instructions keep their parse (`incremental.ts`). */
export function buildModel(text: string, previous?: DockerfileModel | null): DockerfileModel {
  const lines = new LineTable(text);
  const parsed = (previous && reparseText(previous, text, lines)) || parseText(text, lines);
  const model: DockerfileModel = {
    text,
    lines,
    eol: dominantEol(text, lines),
    escapeChar: parsed.escapeChar,
    directives: parsed.directives,
    globalArgs: new Map(),
    stages: [],
    instructions: [],
  };
  builtFrom(model, parsed);

  let stage: Stage | null = null;
  const shellOf = new Map<Stage, string[]>();
  fitShellCache(parsed.nodes.length);
  for (const node of parsed.nodes) {
    const inst = newInst(model, node, stage, null);
    const keyword = inst.keyword;
    if (keyword === 'FROM') {
      stage = newStage(model, node as From, inst);
      inst.stage = stage;
      shellOf.set(stage, stage.parent ? (shellOf.get(stage.parent) ?? DEFAULT_SHELL) : shellOfStageStart(stage));
      model.instructions.push(inst);
      continue;
    }
    if (!stage) {
      if (keyword === 'ARG') {
        for (const p of (node as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties()) {
          // BuildKit expands a default with the ARGs declared before it (`ARG IMAGE=$REGISTRY/app`).
          const value = p.getValue();
          model.globalArgs.set(p.getName(), value === null ? null : (substituteArgs(value, model.globalArgs) ?? value));
        }
      }
      model.instructions.push(inst);
      continue;
    }
    if (keyword === 'SHELL') {
      const args = jsonStrings(model, node as JSONInstruction).map((w) => w.value ?? '');
      if (args.length > 0) shellOf.set(stage, args);
    }
    model.instructions.push(inst);
    stage.instructions.push(inst);
    if (keyword === 'RUN') {
      const shell = shellOf.get(stage) ?? DEFAULT_SHELL;
      inst.run = movedRun(parsed, node, shell) ?? runInfo(model, node as Run, shell);
    }
    if (keyword === 'ONBUILD') {
      const trigger = (node as Onbuild).getTriggerInstruction();
      if (trigger) {
        const t = newInst(model, trigger, stage, node as Onbuild);
        if (t.keyword === 'RUN') t.run = runInfo(model, trigger as Run, shellOf.get(stage) ?? DEFAULT_SHELL);
        model.instructions.push(t);
        stage.instructions.push(t);
      }
    }
  }
  finishStages(model);
  return model;
}

/** The model's instruction for a node (the next in `model.instructions`); `run` is set after, for a RUN. */
function newInst(model: DockerfileModel, node: Instruction, stage: Stage | null, onbuild: Onbuild | null): Inst {
  const range = node.getRange();
  const { lines } = model;
  // `getKeyword()` is upper case (dockerfile-ast's; kept as written when it is: astMemo.ts). Every instruction
  // has the field `run`, so that all are one shape with the field in the object itself.
  return { keyword: node.getKeyword(), node, stage, onbuild, range, start: lines.offsetAt(range.start), end: lines.offsetAt(range.end), run: undefined, index: model.instructions.length };
}

function newStage(model: DockerfileModel, from: From, inst: Inst): Stage {
  const args = from.getArguments();
  const imageText = args[0]?.getValue() ?? '';
  const alias = from.getBuildStage();
  const image = substituteArgs(imageText, model.globalArgs);
  const stage: Stage = {
    index: model.stages.length,
    name: alias ? alias.toLowerCase() : null,
    from,
    fromInst: inst,
    imageText,
    image,
    parent: null,
    isFinal: false,
    ships: false,
    instructions: [],
    start: inst.start,
    end: inst.end,
  };
  if (image) {
    const lower = image.toLowerCase();
    stage.parent = model.stages.find((s) => s.name !== null && s.name === lower) ?? null;
  }
  model.stages.push(stage);
  owners.set(stage, model);
  return stage;
}
const owners = new KeyedCache<Stage, DockerfileModel>();
/** The model a stage belongs to (null for a stage `buildModel` did not make). */
export const modelOfStage = (stage: Stage): DockerfileModel | null => owners.get(stage) ?? null;

/** The shell a stage built FROM an image starts with: the Windows one for Windows images, else `/bin/sh -c`. */
export function shellOfStageStart(stage: Stage): string[] {
  return stage.image && /(^|\/)(windows|nanoserver|servercore)|windowsservercore|nanoserver|ltsc20\d\d/i.test(stage.image) ? WINDOWS_SHELL : DEFAULT_SHELL;
}

function finishStages(model: DockerfileModel): void {
  const stages = model.stages;
  for (let i = 0; i < stages.length; i++) {
    const s = stages[i]!;
    const next = stages[i + 1];
    s.end = next ? next.start : model.text.length;
  }
  const last = stages[stages.length - 1];
  if (!last) return;
  last.isFinal = true;
  const tip = last.parent && /^(?:tests?|testing)$/.test(last.name ?? '') ? last.parent : last;
  for (let s: Stage | null = tip; s && !s.ships; s = s.parent) s.ships = true;
}

/** Replaces `$NAME`/`${NAME}`/`${NAME:-default}` with ARG defaults; null when any stays unknown. */
export function substituteArgs(text: string, args: Map<string, string | null>): string | null {
  let unknown = false;
  const out = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const value = args.get(name);
    const isSet = value !== undefined && value !== null;
    if (op === ':-' || op === '-') return isSet && (op === '-' || value !== '') ? value : (word ?? '');
    if (op === ':+' || op === '+') return isSet ? (word ?? '') : '';
    if (!isSet) {
      unknown = true;
      return '';
    }
    return value;
  });
  return unknown ? null : out;
}

function runInfo(model: DockerfileModel, run: Run, shell: string[]): RunInfo {
  const { lines, text } = model;
  const flags = (run as ModifiableInstruction).getFlags();
  const mounts = flags.filter((f) => f.getName().toLowerCase() === 'mount').map(parseMount);
  const posix = POSIX_SHELLS.has(basename(shell[0] ?? ''));
  const end = lines.offsetAt(run.getRange().end);
  const first = firstArgument(run);
  const bodyStart = first ? argumentStart(first, lines) : end;
  const info: RunInfo = { form: 'shell', flags, mounts, shell, posix, script: null, bodyStart, bodyEnd: end };
  if (!first) return info;

  const heredocs = heredocsOf(run);
  const json = run.getJSONStrings();
  if (run.getOpeningBracket() && run.getClosingBracket() && json.length > 0) {
    info.form = 'exec';
    info.posix = true;
    info.script = execScript(model, json);
    return info;
  }
  if (heredocs.length > 0) {
    info.form = 'heredoc';
    const h = heredocs[0]!;
    const markerLine = h.getStartRange().start.line;
    const content = h.getContentRange();
    const lineOfMarker = lines.offsetAt({ line: markerLine, character: 0 });
    const commandLine = text.slice(Math.max(bodyStart, lineOfMarker), lines.lineEndOffset(markerLine)).trim();
    if (/^(<<-?\s*["']?[A-Za-z_][\w-]*["']?\s*)+$/.test(commandLine)) {
      // `RUN <<EOF`: the heredoc is the script itself, unless a shebang names another interpreter.
      if (!content) return info;
      const cStart = lines.offsetAt(content.start);
      const cEnd = lines.offsetAt(content.end);
      const body = text.slice(cStart, cEnd);
      const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body);
      if (shebang) {
        const interp = basename(shebang[1]!) === 'env' ? basename(shebang[2] ?? '') : basename(shebang[1]!);
        if (!POSIX_SHELLS.has(interp)) {
          info.posix = false;
          return info;
        }
      }
      if (!posix && !shebang) return info;
      info.posix = true;
      info.script = parseShellAt(body.replace(/\r/g, ' '), cStart);
      return info;
    }
    if (!posix) return info;
    // `RUN cmd <<EOF …`: the whole text is one shell script with a heredoc in it.
    const raw = text.slice(bodyStart, end);
    const split = Math.max(0, lineOfMarker - bodyStart);
    const logical = logicalShellText(raw.slice(0, split), model.escapeChar) + raw.slice(split).replace(/\r/g, ' ');
    info.script = parseShellAt(logical, bodyStart);
    return info;
  }
  if (!posix) return info;
  info.script = parseShellAt(logicalShellText(text.slice(bodyStart, end), model.escapeChar), bodyStart);
  return info;
}

/** Exec form: one command from the JSON array, or the script of `["sh", "-c", "…"]`. */
function execScript(model: DockerfileModel, json: ReturnType<JSONInstruction['getJSONStrings']>): ShellScript {
  const words = decodeJson(model, json);
  const { text } = model;
  const head = words[0]!;
  const headBase = basename(head.value ?? '');
  if (POSIX_SHELLS.has(headBase) && words[1]?.value === '-c' && words[2]) {
    const w = words[2];
    const inner = text.slice(w.start + 1, w.end - 1);
    if (inner === w.value) return parseShellAt(inner, w.start + 1);
  }
  const command: ShellCommand = {
    name: head.value ? basename(head.value) : null,
    nameWord: head,
    args: words.slice(1),
    assignments: [],
    start: head.start,
    end: words[words.length - 1]!.end,
    nested: false,
    json: true,
  };
  return {
    commands: [command],
    comments: [],
    hasError: false,
    codeEnd: command.end,
    codeStart: command.start,
    statements: [{ start: command.start, end: command.end, type: 'command', after: '' }],
  };
}

/** The JSON strings of an exec-form instruction, decoded from the source (with their ranges, quotes included). */
export function jsonStrings(model: DockerfileModel, node: JSONInstruction): ShellWord[] {
  return decodeJson(model, node.getJSONStrings());
}

// dockerfile-ast's own values keep the quotes and drop whitespace inside the strings: decode the source.
function decodeJson(model: DockerfileModel, json: ReturnType<JSONInstruction['getJSONStrings']>): ShellWord[] {
  const { lines, text } = model;
  return json.map((j) => {
    const r = j.getRange();
    const start = lines.offsetAt(r.start);
    const end = lines.offsetAt(r.end);
    const raw = text.slice(start, end);
    let value: string | null;
    try {
      value = JSON.parse(raw.replace(/[\r\n]/g, ' ')) as string;
    } catch {
      value = null;
    }
    return { text: raw, value, start, end };
  });
}

/**
 * The heredocs of a RUN; none when dockerfile-ast fails to read them (it throws on some broken input, e.g. a
 * continuation that ends in a lone carriage return followed by a comment line).
 */
export function heredocsOf(run: Run): ReturnType<Run['getHeredocs']> {
  // dockerfile-ast takes heredocs only from arguments that start with `<<`: without one there is none, and
  // its scan of the instruction's text (positions and all) can be skipped. An argument can only start with
  // `<<` if the text has two `<` (escapes only remove characters).
  const content = run.getTextContent();
  const lt = content.indexOf('<');
  if (lt === -1 || content.indexOf('<', lt + 1) === -1) return [];
  if (!run.getArguments().some((a) => a.getValue().startsWith('<<'))) return [];
  try {
    return run.getHeredocs();
  } catch {
    return [];
  }
}

function parseMount(flag: Flag): Mount {
  const options: Record<string, string> = {};
  for (const o of flag.getOptions()) options[o.getName().toLowerCase()] = o.getValue() ?? '';
  return {
    type: (options['type'] ?? 'bind').toLowerCase(),
    target: options['target'] ?? options['dst'] ?? options['destination'] ?? null,
    options,
  };
}

/** Every instruction of the stages that ship, ONBUILD triggers included. */
export function shippedInstructions(model: DockerfileModel): Inst[] {
  return model.stages.filter((s) => s.ships).flatMap((s) => s.instructions);
}

export { runsOf } from './runs.js';
