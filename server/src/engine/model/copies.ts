import type { Copy, Flag, JSONInstruction } from 'dockerfile-ast';
import { jsonStrings, substituteArgs, type DockerfileModel, type Inst, type Stage } from './model.js';
import { KeyedCache } from '../memo.js';

/** A word of a COPY/ADD instruction or a flag value, with its document offsets. */
export interface Word {
  /** The text as written (JSON strings keep their quotes). */
  text: string;
  /** Decoded value (JSON unquoted); null when it cannot be read. */
  value: string | null;
  start: number;
  end: number;
}

export interface CopyInfo {
  inst: Inst;
  /** The `--from` value as written, or null. */
  from: Word | null;
  /** The `--from` value with global ARG defaults substituted; null when absent or unresolvable. */
  fromValue: string | null;
  /** The earlier stage `--from` names (by name or index), or null (none, an image, or unknown). */
  fromStage: Stage | null;
  sources: Word[];
  dest: Word | null;
  /** JSON (exec) form. */
  json: boolean;
  /** Uses a heredoc as a source: sources are not paths. */
  heredoc: boolean;
}

/** COPY/ADD as data: flags, sources and destination with offsets. Null for other instructions. Shared: read it, never change it. */
export function copyInfo(model: DockerfileModel, inst: Inst): CopyInfo | null {
  if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') return null;
  // Read once per lint: five rules and the split ask for the COPYs of the same stages.
  const known = infoOf.get(inst);
  if (known && known.model === model) return known.info;
  const info = readCopyInfo(model, inst);
  infoOf.set(inst, { model, info });
  return info;
}
const infoOf = new KeyedCache<Inst, { model: DockerfileModel; info: CopyInfo }>();

function readCopyInfo(model: DockerfileModel, inst: Inst): CopyInfo {
  const { from, words, json, heredoc } = copyWords(model, inst);
  const fromValue = from?.value != null ? substituteArgs(from.value, model.globalArgs) : null;
  const info: CopyInfo = {
    inst,
    from,
    fromValue,
    fromStage: null,
    sources: words.slice(0, -1),
    dest: words.length > 1 ? words[words.length - 1]! : null,
    json,
    heredoc,
  };
  if (fromValue !== null && inst.stage && !inst.onbuild) info.fromStage = stageByRef(model, fromValue, inst.stage);
  return info;
}

/** What a COPY/ADD's own text says (its words with offsets), and where the instruction started when it was read. */
interface CopyWords {
  start: number;
  from: Word | null;
  words: Word[];
  json: boolean;
  heredoc: boolean;
}

/**
 * The words of a COPY/ADD, read once per dockerfile-ast node: an incremental parse keeps the node of an
 * instruction whose text did not change (`model/incremental.ts`), and its words are those read before, moved
 * by as much as the instruction moved. What depends on the rest of the file (ARG defaults, stage names) is
 * not kept (`readCopyInfo`).
 */
function copyWords(model: DockerfileModel, inst: Inst): CopyWords {
  const known = wordsOf.get(inst.node);
  if (known) {
    const d = inst.start - known.start;
    if (d === 0) return known;
    const move = (w: Word): Word => ({ text: w.text, value: w.value, start: w.start + d, end: w.end + d });
    return { start: inst.start, from: known.from && move(known.from), words: known.words.map(move), json: known.json, heredoc: known.heredoc };
  }
  const node = inst.node as Copy;
  const fromFlag = inst.keyword === 'COPY' ? node.getFromFlag() : null;
  const from = fromFlag ? flagValueWord(model, fromFlag) : null;
  const heredoc = (node.getHeredocs?.() ?? []).length > 0;
  const json = Boolean((node as unknown as JSONInstruction).getOpeningBracket() && (node as unknown as JSONInstruction).getClosingBracket());
  let words: Word[];
  if (json) {
    words = jsonStrings(model, node as unknown as JSONInstruction);
  } else {
    words = node.getArguments().map((a) => {
      const start = model.lines.offsetAt(a.getRange().start);
      const end = model.lines.offsetAt(a.getRange().end);
      return { text: model.text.slice(start, end), value: a.getValue(), start, end };
    });
  }
  const read: CopyWords = { start: inst.start, from, words, json, heredoc };
  wordsOf.set(inst.node, read);
  return read;
}
const wordsOf = new KeyedCache<object, CopyWords>();

/** The value of a flag as a word with offsets (null when the flag has no value). */
export function flagValueWord(model: DockerfileModel, flag: Flag): Word | null {
  const r = flag.getValueRange();
  const value = flag.getValue();
  if (!r || value === null) return null;
  const start = model.lines.offsetAt(r.start);
  const end = model.lines.offsetAt(r.end);
  return { text: model.text.slice(start, end), value, start, end };
}

/**
 * The stage a `--from` value refers to, seen from stage `current`: an earlier stage by (case-insensitive)
 * name, or by index when the value is a number smaller than the current stage's index. Null otherwise.
 */
export function stageByRef(model: DockerfileModel, ref: string, current: Stage): Stage | null {
  if (/^\d+$/.test(ref)) {
    const n = Number(ref);
    return n < current.index ? (model.stages[n] ?? null) : null;
  }
  const lower = ref.toLowerCase();
  return model.stages.find((s) => s.index < current.index && s.name === lower) ?? null;
}

/** `from=` options of the RUN's `--mount` flags, with the offsets of their values. */
export function mountFromWords(model: DockerfileModel, inst: Inst): Word[] {
  const out: Word[] = [];
  if (!inst.run) return out;
  for (const flag of inst.run.flags) {
    if (flag.getName().toLowerCase() !== 'mount') continue;
    for (const o of flag.getOptions()) {
      if (o.getName().toLowerCase() !== 'from') continue;
      const r = o.getValueRange();
      const value = o.getValue();
      if (!r || value === null) continue;
      const start = model.lines.offsetAt(r.start);
      const end = model.lines.offsetAt(r.end);
      out.push({ text: model.text.slice(start, end), value, start, end });
    }
  }
  return out;
}

/** Every COPY of the given stages (ONBUILD triggers excluded: they belong to another build). */
export function copiesOf(model: DockerfileModel, stages: readonly Stage[]): CopyInfo[] {
  const out: CopyInfo[] = [];
  for (const s of stages) {
    for (const i of s.instructions) {
      if (i.onbuild) continue;
      const c = copyInfo(model, i);
      if (c) out.push(c);
    }
  }
  return out;
}

/**
 * A COPY or ADD of the given stages puts a file at /bin/sh (or /usr/bin/sh): a scratch image can bring a shell,
 * or a program of its own under that name (`COPY bin/api /bin/sh`), which shell-form commands then run.
 */
export function copiesShell(model: DockerfileModel, stages: readonly Stage[]): boolean {
  return copiesOf(model, stages).some((c) => {
    const dest = c.dest?.value;
    if (!dest || c.heredoc) return false;
    if (/^\/(?:usr\/)?bin\/sh$/.test(dest)) return true;
    return /^\/(?:usr\/)?bin\/?$/.test(dest) && c.sources.some((w) => w.value !== null && /(?:^|\/)sh$/.test(w.value));
  });
}
