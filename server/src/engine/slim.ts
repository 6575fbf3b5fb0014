import type { EngineConfig } from './config.js';
import { lineHunks, type LineHunk } from './diff.js';
import { applyEdits, chosenFix, fix, type AppliedFix } from './fixer.js';
import { analyze } from './linter.js';
import { buildModel } from './model/model.js';
import { LineTable } from './text.js';
import { totalEstimate } from './catalog/units.js';
import type { Finding, FixSafety, Range } from './types.js';

/** One change of the slim plan, as a replacement of whole lines of the original text. */
export interface SlimChange {
  range: Range;
  newText: string;
  /** `safe` when the change is exactly what the safe fixes alone produce there; otherwise it needs review. */
  safety: FixSafety;
  /** Rules whose findings lie on the replaced lines. */
  ruleIds: string[];
  /**
   * Changes with the same group belong to one fix that spans several places (the multi-stage split): an
   * editor must let the user accept or refuse them together.
   */
  group?: string;
}

export interface SlimPlan {
  /** The text with every safe fix applied. */
  safeText: string;
  /** The text with every fix applied, safe and unsafe. */
  slimText: string;
  changes: SlimChange[];
  safeApplied: AppliedFix[];
  unsafeApplied: AppliedFix[];
  /** Sum of the estimates of the findings fixed (safe + unsafe); an estimate, never a measurement. */
  estimatedBytes: number;
  /** Findings the plan cannot fix (they need a person). */
  remaining: Finding[];
}

/** The rule whose fix splits the build into stages. */
const SPLIT_RULE = 'build-in-final-stage';

/**
 * "Slim this Dockerfile": every safe fix, then every unsafe one, expressed as line changes of the original
 * text so an editor can apply them in one edit and ask for confirmation of the unsafe ones only. Applying
 * all the changes gives `slimText`; running the plan again on it proposes nothing.
 */
export function slimPlan(text: string, config?: Partial<EngineConfig>): SlimPlan {
  const before = analyze(text, config).findings;
  // The plan edits this document only: a fix that also writes another file (a `.dockerignore`) is left to
  // its quick fix, and its finding stays in `remaining`.
  const safe = fix(text, config, { filter: (f) => !chosenFix(f, false)?.fileEdits?.length });
  const all = fix(safe.text, config, { unsafe: true, filter: (f) => !chosenFix(f, true)?.fileEdits?.length });
  const lines = new LineTable(text);
  const offsetOfLine = (l: number): number => (l < lines.lineCount ? lines.starts[l]! : text.length);
  // The findings a change is for: those on its lines (an insertion: on the line after it). In the layered
  // plan a safe change is for findings with a safe fix, an unsafe one for those without.
  const attribute = (oldStart: number, oldEnd: number, layer?: FixSafety): string[] => [
    ...new Set(
      before
        .filter((f) => f.fixes.length > 0 && f.range.start.line < Math.max(oldEnd, oldStart + 1) && f.range.end.line >= oldStart)
        .filter((f) => !layer || f.fixes.some((x) => x.safety === 'safe') === (layer === 'safe'))
        .map((f) => f.ruleId),
    ),
  ];
  const change = (oldStart: number, oldEnd: number, newText: string, safety: FixSafety, layered = false): SlimChange => ({
    range: lines.range(offsetOfLine(oldStart), offsetOfLine(oldEnd)),
    newText,
    safety,
    ruleIds: attribute(oldStart, oldEnd, layered ? safety : undefined),
  });
  const safeLineHunks = splitByInstruction(text, safe.text, lineHunks(text, safe.text));
  // First choice: the safe changes on their own, and the unsafe ones as changes of the lines the safe fixes
  // left alone, so refusing an unsafe change (a split that rewrites many lines) never takes a safe one with it.
  let changes = layered(text, safe.text, all.text, safeLineHunks, change);
  if (!changes) {
    // An unsafe fix rewrote a line a safe fix had changed: one change per hunk of the whole difference, safe
    // only where it is exactly what the safe fixes alone produce.
    const safeHunks = new Set(safeLineHunks.map((h) => `${h.oldStart}:${h.oldEnd}:${h.newText}`));
    changes = splitByInstruction(text, all.text, lineHunks(text, all.text)).map((h) =>
      change(h.oldStart, h.oldEnd, h.newText, safeHunks.has(`${h.oldStart}:${h.oldEnd}:${h.newText}`) ? 'safe' : 'unsafe'),
    );
  }
  // A split touches many lines at once; applying half of it would break the Dockerfile, so every unsafe
  // change joins one group when the plan contains one.
  const split = all.applied.find((a) => a.ruleId === SPLIT_RULE);
  if (split) {
    const ids = [...new Set([SPLIT_RULE, ...changes.filter((c) => c.safety === 'unsafe').flatMap((c) => c.ruleIds)])];
    for (const c of changes) {
      if (c.safety !== 'unsafe') continue;
      c.group = SPLIT_RULE;
      c.ruleIds = ids;
    }
  }
  const applied = [...safe.applied, ...all.applied];
  return {
    safeText: safe.text,
    slimText: all.text,
    changes,
    safeApplied: safe.applied,
    unsafeApplied: all.applied,
    estimatedBytes: totalEstimate(applied.map((a) => a.estimate)),
    remaining: all.remaining,
  };
}

/**
 * The plan as safe changes (original → safe text) plus unsafe changes (safe text → slim text) mapped back onto
 * the original's lines. Null when an unsafe change touches a line a safe change rewrote (it could not be
 * expressed apart from it), or when the changes, applied together, would not give the slim text.
 */
function layered(
  text: string,
  safeText: string,
  slimText: string,
  safeHunks: LineHunk[],
  change: (oldStart: number, oldEnd: number, newText: string, safety: FixSafety, layered: boolean) => SlimChange,
): SlimChange[] | null {
  const unsafeHunks = splitByInstruction(safeText, slimText, lineHunks(safeText, slimText));
  // Safe-text line → original line, for lines outside every safe hunk's new lines.
  const toOriginal = (line: number, insertion: boolean): number | null => {
    let delta = 0;
    for (const h of safeHunks) {
      if (h.newEnd <= line) {
        delta += h.newEnd - h.newStart - (h.oldEnd - h.oldStart);
        continue;
      }
      // A line the safe fixes rewrote (an insertion may still go right before the rewritten lines).
      if (insertion ? h.newStart < line : h.newStart <= line) return null;
      break;
    }
    return line - delta;
  };
  const out: { c: SlimChange; at: number; before: boolean }[] = safeHunks.map((h) => ({ c: change(h.oldStart, h.oldEnd, h.newText, 'safe', true), at: h.oldStart, before: false }));
  for (const h of unsafeHunks) {
    const insertion = h.oldStart === h.oldEnd;
    const start = toOriginal(h.oldStart, insertion);
    if (start === null) return null;
    // Every line of a non-empty hunk must lie outside the safe hunks, and map onto consecutive lines.
    for (let l = h.oldStart; l < h.oldEnd; l++) if (toOriginal(l, false) !== start + (l - h.oldStart)) return null;
    out.push({ c: change(start, start + (h.oldEnd - h.oldStart), h.newText, 'unsafe', true), at: start, before: insertion });
  }
  // Document order; an insertion goes before a change that starts on the same line.
  out.sort((a, b) => a.at - b.at || Number(b.before) - Number(a.before));
  const changes = out.map((o) => o.c);
  const lines = new LineTable(text);
  const edits = changes.map((c) => ({ start: lines.offsetAt(c.range.start), end: lines.offsetAt(c.range.end), newText: c.newText }));
  if (edits.some((e, i) => i > 0 && e.start < edits[i - 1]!.end)) return null;
  return applyEdits(text, edits) === slimText ? changes : null;
}

/**
 * Splits a hunk that spans several instructions into one hunk per instruction when the old and the new
 * lines hold the same number of instructions, so each change can be reviewed on its own.
 */
function splitByInstruction(oldText: string, newText: string, hunks: LineHunk[]): LineHunk[] {
  if (hunks.length === 0) return hunks;
  const oldStarts = groupStarts(oldText);
  const newStarts = groupStarts(newText);
  const newLines = new LineTable(newText);
  const out: LineHunk[] = [];
  for (const h of hunks) {
    const oldGroups = cut(h.oldStart, h.oldEnd, oldStarts);
    const newGroups = cut(h.newStart, h.newEnd, newStarts);
    if (oldGroups.length < 2 || oldGroups.length !== newGroups.length) {
      out.push(h);
      continue;
    }
    oldGroups.forEach(([os, oe], i) => {
      const [ns, ne] = newGroups[i]!;
      const from = newLines.starts[ns] ?? newText.length;
      const to = ne < newLines.lineCount ? newLines.starts[ne]! : newText.length;
      out.push({ oldStart: os, oldEnd: oe, newStart: ns, newEnd: ne, newText: newText.slice(from, to) });
    });
  }
  return out;
}

/** Lines that start a group: an instruction's first line, or a line outside any instruction. */
function groupStarts(text: string): Set<number> {
  const model = buildModel(text);
  const inside = new Set<number>();
  const starts = new Set<number>();
  for (const i of model.instructions) {
    if (i.onbuild) continue;
    starts.add(i.range.start.line);
    for (let l = i.range.start.line + 1; l <= i.range.end.line; l++) inside.add(l);
  }
  for (let l = 0; l < model.lines.lineCount; l++) if (!inside.has(l)) starts.add(l);
  return starts;
}

function cut(start: number, end: number, starts: Set<number>): [number, number][] {
  const groups: [number, number][] = [];
  for (let l = start; l < end; l++) {
    if (l === start || starts.has(l)) groups.push([l, l + 1]);
    else groups[groups.length - 1]![1] = l + 1;
  }
  return groups;
}

/**
 * Estimated bytes at stake in a file's findings, by what it takes to get them. A figure several findings share
 * (same estimate id) counts once, under the easiest way to get it (safe, then unsafe, then manual).
 */
export function savingsSummary(findings: readonly Finding[]): { safe: number; unsafe: number; manual: number; findings: number } {
  const out = { safe: 0, unsafe: 0, manual: 0, findings: 0 };
  const kind = (f: Finding): 'safe' | 'unsafe' | 'manual' => (f.fixes.some((x) => x.safety === 'safe') ? 'safe' : f.fixes.length > 0 ? 'unsafe' : 'manual');
  const seen = new Set<string>();
  for (const k of ['safe', 'unsafe', 'manual'] as const) {
    for (const f of findings) {
      if (!f.estimate || kind(f) !== k) continue;
      if (f.estimate.id !== undefined) {
        if (seen.has(f.estimate.id)) continue;
        seen.add(f.estimate.id);
      }
      out.findings++;
      out[k] += f.estimate.bytes;
    }
  }
  return out;
}
