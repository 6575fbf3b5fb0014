import type { DockerfileModel } from './model/model.js';

/**
 * Ignore comments, ours and the ones users bring from other tools:
 * - `# dockerfile-slim ignore=<id>[,<id>]` in the comment block right above an instruction;
 *   `# dockerfile-slim global ignore=<id>` anywhere for the whole file;
 *   `# dockerfile-slim stage ignore=<id>` for the rest of the stage it is written in (above a FROM: that stage).
 * - hadolint's pragmas in the same three forms (`# hadolint ignore=DL3009`, `global`, `stage`), honoured for
 *   the rules that name that code in `related` (`hadolint:DL3009`).
 * - BuildKit's check directive `# check=skip=JSONArgsRecommended,…[;error=true]`: in the parser-directive
 *   header at the top of the file it silences the named checks for the file; written in the comment block
 *   right above an instruction, for that instruction. `skip=all` names every BuildKit check. Honoured for the
 *   rules that name the check in `related` (`buildkit:JSONArgsRecommended`).
 */
export interface IgnoreMap {
  global: Set<string>;
  /** Line → ids ignored on it (instruction lines under a comment, every line of a stage under a stage pragma). */
  byLine: Map<number, Set<string>>;
}

/** What one ignore comment says. `scope` is where it applies; `ids` are keys as rules name them. */
export interface IgnorePragma {
  scope: 'instruction' | 'stage' | 'global';
  ids: string[];
}

/** Key that stands for every BuildKit check (`# check=skip=all`). */
export const ALL_BUILDKIT_CHECKS = 'buildkit:*';

const PRAGMA = /^#\s*(dockerfile-slim|hadolint)\s+(?:(global|stage)\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+?)\s*(?:#.*)?$/i;
const CHECK = /^#\s*check\s*=\s*(.*)$/i;

/**
 * Reads one comment line (with its `#`). `null` when it is not an ignore comment. A BuildKit check directive
 * is reported with scope `instruction`; the caller widens it to the file when it is in the directive header.
 */
export function parseIgnoreComment(line: string): IgnorePragma | null {
  const t = line.trim();
  const m = PRAGMA.exec(t);
  if (m) {
    const tool = m[1]!.toLowerCase();
    const scope = m[2] ? (m[2].toLowerCase() as 'global' | 'stage') : 'instruction';
    return { scope, ids: idsOf(tool === 'hadolint' ? 'hadolint:' : '', m[3]!) };
  }
  const c = CHECK.exec(t);
  if (c) {
    const ids: string[] = [];
    for (const part of c[1]!.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0 || part.slice(0, eq).trim().toLowerCase() !== 'skip') continue;
      for (const name of part.slice(eq + 1).split(',')) {
        const n = name.trim();
        if (!n) continue;
        ids.push(n.toLowerCase() === 'all' ? ALL_BUILDKIT_CHECKS : `buildkit:${n}`);
      }
    }
    return ids.length > 0 ? { scope: 'instruction', ids } : null;
  }
  return null;
}

/** The part of a local `# dockerfile-slim ignore=` comment before its ids (PRAGMA's grammar, that form only). */
const LOCAL_PREFIX = /^#\s*dockerfile-slim\s+ignore\s*=\s*/i;

/**
 * Where the id list of a line's `# dockerfile-slim ignore=<id>[,<id>]` comment ends (the character after its
 * last id, where `,<id>` adds one), or null when the line is no such comment (another text, a `global` or
 * `stage` one, a hadolint or BuildKit pragma).
 */
export function ignoreListEnd(lineText: string): number | null {
  const trimmed = lineText.trim();
  const m = PRAGMA.exec(trimmed);
  const prefix = LOCAL_PREFIX.exec(trimmed);
  if (!m || m[2] || !prefix) return null;
  return lineText.indexOf(trimmed) + prefix[0].length + m[3]!.length;
}

/** Every ignore comment holds one of these words (PRAGMA: `ignore`, CHECK: `check`, matched in any case as they are). */
const PRAGMA_WORD = /ignore|check/i;

export function collectIgnores(model: DockerfileModel): IgnoreMap {
  const global = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  const { lines } = model;
  // Half the files have neither word anywhere: nothing to read line by line.
  if (!PRAGMA_WORD.test(lines.text)) return { global, byLine };
  const add = (line: number, ids: readonly string[]): void => {
    let set = byLine.get(line);
    if (!set) byLine.set(line, (set = new Set()));
    for (const id of ids) set.add(id);
  };

  // BuildKit reads parser directives only at the very top, before any other line.
  const header = headerEnd(model);
  for (let l = 0; l < header; l++) {
    const p = parseIgnoreComment(lines.lineText(l));
    if (p && CHECK.test(lines.lineText(l).trim())) for (const id of p.ids) global.add(id);
  }

  for (const inst of model.instructions) {
    if (inst.onbuild) continue;
    const ids: string[] = [];
    for (let l = inst.range.start.line - 1; l >= header; l--) {
      const t = lines.lineText(l).trim();
      if (!t.startsWith('#')) break;
      const p = parseIgnoreComment(t);
      if (p && p.scope === 'instruction') ids.push(...p.ids);
    }
    if (ids.length > 0) for (let l = inst.range.start.line; l <= inst.range.end.line; l++) add(l, ids);
  }

  for (let l = 0; l < lines.lineCount; l++) {
    const t = lines.lineText(l).trim();
    if (!t.startsWith('#')) continue;
    const p = parseIgnoreComment(t);
    if (!p) continue;
    if (p.scope === 'global') for (const id of p.ids) global.add(id);
    else if (p.scope === 'stage') {
      const stageEnd = endOfStageAt(model, l);
      for (let s = l; s <= stageEnd; s++) add(s, p.ids);
    }
  }
  return { global, byLine };
}

/** Lines 0 … n−1 form the parser-directive header (`# key=value` lines at the very top). */
function headerEnd(model: DockerfileModel): number {
  let l = 0;
  for (; l < model.lines.lineCount; l++) {
    if (!/^\s*#\s*[A-Za-z][A-Za-z0-9_-]*\s*=/.test(model.lines.lineText(l))) break;
  }
  return l;
}

/** The last line of the stage a comment on `line` belongs to: the stage it is in, or the one whose FROM follows. */
function endOfStageAt(model: DockerfileModel, line: number): number {
  const stages = model.stages;
  for (let i = 0; i < stages.length; i++) {
    const next = stages[i + 1];
    const nextFrom = next ? next.fromInst.range.start.line : Number.POSITIVE_INFINITY;
    if (line < nextFrom) {
      // Comments directly above the next FROM belong to that stage.
      if (next && commentsRunTo(model, line, nextFrom)) return endLineOf(model, i + 1);
      return endLineOf(model, i);
    }
  }
  return model.lines.lineCount - 1;
}

function commentsRunTo(model: DockerfileModel, from: number, to: number): boolean {
  for (let l = from; l < to; l++) if (!model.lines.lineText(l).trim().startsWith('#')) return false;
  return true;
}

function endLineOf(model: DockerfileModel, stageIndex: number): number {
  const next = model.stages[stageIndex + 1];
  return next ? next.fromInst.range.start.line - 1 : model.lines.lineCount - 1;
}

function idsOf(prefix: string, list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => prefix + s);
}

export function isIgnored(map: IgnoreMap, ruleId: string, related: readonly string[], line: number): boolean {
  const keys = [ruleId, ...related];
  if (related.some((r) => r.startsWith('buildkit:'))) keys.push(ALL_BUILDKIT_CHECKS);
  const local = map.byLine.get(line);
  return keys.some((k) => map.global.has(k) || (local?.has(k) ?? false));
}
