import type { EngineConfig } from './config.js';
import { lineHunks, type LineHunk } from './diff.js';
import { applyEdits, applyFixes, chosenFix, fix } from './fixer.js';
import { analyze } from './linter.js';
import { buildModel } from './model/model.js';
import { EstimateTally, totalEstimate } from './catalog/units.js';
import { LineTable } from './text.js';
import type { Estimate, Finding, Fix, FixSafety, Range } from './types.js';

/** A fix the plan carries out, as a review lists it. */
export interface SlimFix {
  ruleId: string;
  title: string;
  safety: FixSafety;
  estimate?: Estimate;
}

/** One change of the slim plan: a replacement of whole lines of the original text. */
export interface SlimChange {
  range: Range;
  newText: string;
  /** `safe` for a change of the safe group; `unsafe` for the one change of an unsafe group. */
  safety: FixSafety;
  /** Rules whose fixes the change carries out. */
  ruleIds: string[];
  /** The id of the group it belongs to (`SlimGroup.id`). */
  group: string;
  /** The fixes it carries out. */
  fixes: SlimFix[];
}

/**
 * A logical change an editor offers as one choice. The safe group (`id` "safe", first) holds the safe fixes,
 * one change per instruction they touch; each change can be taken alone. Every unsafe group is exactly one
 * change, a replacement of one range of lines, so it cannot be applied in part: a multi-part fix (a split into
 * stages) is all or nothing. Unsafe groups are computed on the text the safe fixes leave; one whose lines a
 * safe fix also changes carries that safe fix inside it (listed in `fixes`, `absorbedSafe` counts them).
 */
export interface SlimGroup {
  id: string;
  safety: FixSafety;
  /** The fixes' titles, joined. */
  title: string;
  fixes: SlimFix[];
  /** Safe fixes that lie on the group's lines and are applied with it (unsafe groups only). */
  absorbedSafe: number;
  /** Sum of the fixes' estimates, or null when none of them carries one (not estimated, which is not 0). */
  estimatedBytes: number | null;
}

export interface SlimPlan {
  /** The text with every safe fix applied. */
  safeText: string;
  /** The text with every change of the plan applied. */
  slimText: string;
  groups: SlimGroup[];
  /** Every change, in document order; they never overlap, so any subset applies to the original text. */
  changes: SlimChange[];
  /** Sum of the estimates of every fix in the plan, or null when none is estimated. An estimate, never a measurement. */
  estimatedBytes: number | null;
  /** Findings in `slimText`: what the plan leaves (findings that need a person, and fixes it could not fit). */
  remaining: Finding[];
}

/** Id of the safe group. */
export const SAFE_GROUP = 'safe';

/** Offsets [start, end) of one text; an empty interval is an insertion at `start`. */
interface Interval {
  start: number;
  end: number;
}

/** A safe change as an edit of the original text, and where its text lies in the safe text. */
interface SafeEdit extends Interval {
  newText: string;
  /** Offset of `newText` in the safe text. */
  at: number;
  fixes: SlimFix[];
}

/** An unsafe fix found on the safe text, with the findings that offer it (the same fix may be offered by several). */
interface Candidate {
  fix: Fix;
  findings: Finding[];
}

interface BuiltGroup extends Interval {
  newText: string;
  candidates: Candidate[];
  /** Indexes of the safe edits inside the interval, which the group's change carries. */
  absorbed: number[];
}

/**
 * "Slim this Dockerfile": the safe fixes as one group of changes, then every unsafe fix found on the text they
 * leave, each as a group of its own that is one edit of the original text (unsafe fixes whose edits an editor
 * could not keep apart become one group). No rule is named here: a `Fix` is already all or nothing, and each
 * becomes one edit. A fix that also writes another file (a `.dockerignore`) is left to its quick fix.
 */
export function slimPlan(text: string, config?: Partial<EngineConfig>): SlimPlan {
  const withoutFileEdits = (unsafe: boolean) => (f: Finding): boolean => !chosenFix(f, unsafe)?.fileEdits?.length;
  const before = analyze(text, config).findings;
  const safe = fix(text, config, { filter: withoutFileEdits(false) });
  const lines = new LineTable(text);
  const safeEdits = safeEditsOf(text, safe.text, before);

  // Unsafe fixes on the safe text, one candidate per distinct fix.
  const candidates = new Map<string, Candidate>();
  for (const f of analyze(safe.text, config).findings) {
    const chosen = chosenFix(f, true);
    if (!chosen || chosen.safety !== 'unsafe' || chosen.edits.length === 0 || chosen.fileEdits?.length) continue;
    const key = JSON.stringify(chosen.edits);
    const known = candidates.get(key);
    if (known) known.findings.push(f);
    else candidates.set(key, { fix: chosen, findings: [f] });
  }
  let pending = [...candidates.values()].map((c) => [c]);
  let built: BuiltGroup[] = [];
  // Build each group's edit; merge two groups whose edits an editor could not apply apart; repeat.
  for (;;) {
    built = pending.flatMap((g) => {
      const b = buildGroup(text, safe.text, g, safeEdits);
      return b ? [b] : [];
    });
    const clash = findClash(built);
    if (!clash) break;
    // Each unsafe fix stays a choice of its own: of two that cannot be kept apart, the plan offers the one
    // that saves more when both are estimated, else the one that changes more ("not estimated" is not 0: a
    // split without a figure still beats the one-line fix inside it); the other stays in `remaining`, to be
    // offered on the text the first leaves.
    const [i, j] = clash.map((k) => built[k]!);
    const weight = (b: BuiltGroup): [number | null, number] => [sumEstimates(b.candidates.map((c) => slimFix(c.findings[0]!, c.fix, c.findings))), b.end - b.start];
    const [wi, wj] = [weight(i!), weight(j!)];
    const byEstimate = wi[0] !== null && wj[0] !== null && wi[0] !== wj[0];
    const loser = byEstimate ? (wi[0]! > wj[0]! ? j : i) : wi[1] >= wj[1] ? j : i;
    pending = built.filter((b) => b !== loser).map((b) => b.candidates);
  }
  built.sort((a, b) => a.start - b.start || a.end - b.end);

  const absorbed = new Set(built.flatMap((b) => b.absorbed));
  const changes: SlimChange[] = [];
  const groups: SlimGroup[] = [];
  const safeGroupFixes: SlimFix[] = [];
  safeEdits.forEach((e, k) => {
    if (absorbed.has(k)) return;
    safeGroupFixes.push(...e.fixes);
    changes.push({ range: lines.range(e.start, e.end), newText: e.newText, safety: 'safe', ruleIds: ruleIdsOf(e.fixes), group: SAFE_GROUP, fixes: e.fixes });
  });
  if (changes.length > 0) groups.push(group(SAFE_GROUP, 'safe', safeGroupFixes, 0));
  built.forEach((b, n) => {
    const own = b.candidates.map((c) => slimFix(c.findings[0]!, c.fix, c.findings));
    const carried = b.absorbed.flatMap((k) => safeEdits[k]!.fixes);
    const fixes = [...own, ...carried];
    const id = `unsafe-${n + 1}`;
    changes.push({ range: lines.range(b.start, b.end), newText: b.newText, safety: 'unsafe', ruleIds: ruleIdsOf(fixes), group: id, fixes });
    groups.push(group(id, 'unsafe', fixes, carried.length));
  });
  changes.sort((a, b) => lines.offsetAt(a.range.start) - lines.offsetAt(b.range.start) || lines.offsetAt(a.range.end) - lines.offsetAt(b.range.end));
  const slimText = applyChanges(text, changes);
  return {
    safeText: safe.text,
    slimText,
    groups,
    changes,
    estimatedBytes: sumEstimates(groups.flatMap((g) => g.fixes)),
    remaining: slimText === text ? before : analyze(slimText, config).findings,
  };
}

/**
 * The safe fixes as edits of the original text: one per instruction they change, cut down to the characters
 * that differ (so an unsafe fix elsewhere on the same line stays apart), each with the findings it fixes.
 */
function safeEditsOf(text: string, safeText: string, before: readonly Finding[]): SafeEdit[] {
  const lines = new LineTable(text);
  const safeLines = new LineTable(safeText);
  const at = (t: LineTable, l: number): number => (l < t.lineCount ? t.starts[l]! : t.text.length);
  return splitByInstruction(text, safeText, lineHunks(text, safeText)).map((h) => {
    let start = at(lines, h.oldStart);
    let end = at(lines, h.oldEnd);
    let newStart = at(safeLines, h.newStart);
    let newEnd = newStart + h.newText.length;
    while (start < end && newStart < newEnd && text[start] === safeText[newStart]) {
      start++;
      newStart++;
    }
    while (end > start && newEnd > newStart && text[end - 1] === safeText[newEnd - 1]) {
      end--;
      newEnd--;
    }
    const fixes = before
      .filter((f) => f.range.start.line >= h.oldStart && f.range.start.line < Math.max(h.oldEnd, h.oldStart + 1))
      .flatMap((f) => {
        const chosen = chosenFix(f, false);
        return chosen && !chosen.fileEdits?.length ? [slimFix(f, chosen, [f])] : [];
      });
    return { start, end, newText: safeText.slice(newStart, newEnd), at: newStart, fixes };
  });
}

/** The original text with some of a plan's changes applied (they never overlap). */
export function applyChanges(text: string, changes: readonly Pick<SlimChange, 'range' | 'newText'>[]): string {
  const lines = new LineTable(text);
  return applyEdits(
    text,
    changes.map((c) => ({ start: lines.offsetAt(c.range.start), end: lines.offsetAt(c.range.end), newText: c.newText })),
  );
}

/**
 * Which of a plan's changes an edited text shows applied: the one subset of `changes` that turns `text` into
 * `after`, as one flag per change; null when no subset does (the text was changed otherwise too).
 */
export function appliedChanges(text: string, changes: readonly Pick<SlimChange, 'range' | 'newText'>[], after: string): boolean[] | null {
  const lines = new LineTable(text);
  const edits = changes.map((c, i) => ({ i, start: lines.offsetAt(c.range.start), end: lines.offsetAt(c.range.end), newText: c.newText }));
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const flags = new Array<boolean>(changes.length).fill(false);
  // Depth-first over "applied or not", in document order, keeping only choices `after` agrees with so far.
  const visit = (k: number, pos: number, at: number): boolean => {
    if (k === edits.length) return after.slice(at) === text.slice(pos);
    const e = edits[k]!;
    const gap = text.slice(pos, e.start);
    if (after.slice(at, at + gap.length) !== gap) return false;
    const here = at + gap.length;
    if (after.startsWith(e.newText, here) && visit(k + 1, e.end, here + e.newText.length)) {
      flags[e.i] = true;
      return true;
    }
    const old = text.slice(e.start, e.end);
    if (after.startsWith(old, here) && visit(k + 1, e.end, here + old.length)) {
      flags[e.i] = false;
      return true;
    }
    return false;
  };
  return visit(0, 0, 0) ? flags : null;
}

/** Sum of the fixes' estimates; null when none carries one. */
export function sumEstimates(fixes: readonly SlimFix[]): number | null {
  const estimated = fixes.filter((f) => f.estimate);
  // A figure two fixes share (same estimate id) is counted once.
  return estimated.length === 0 ? null : totalEstimate(estimated.map((f) => f.estimate));
}

function group(id: string, safety: FixSafety, fixes: SlimFix[], absorbedSafe: number): SlimGroup {
  return { id, safety, title: [...new Set(fixes.map((f) => f.title))].join('; '), fixes, absorbedSafe, estimatedBytes: sumEstimates(fixes) };
}

function slimFix(finding: Finding, f: Fix, findings: readonly Finding[]): SlimFix {
  const out: SlimFix = { ruleId: finding.ruleId, title: f.title, safety: f.safety };
  // The same figure offered by several findings (one fix for all of them) is counted once.
  const seen = new Set<string>();
  const estimates: Estimate[] = [];
  for (const x of findings) {
    if (!x.estimate) continue;
    const key = `${x.estimate.bytes}|${x.estimate.basis}`;
    if (seen.has(key)) continue;
    seen.add(key);
    estimates.push(x.estimate);
  }
  if (estimates.length === 1) out.estimate = estimates[0]!;
  else if (estimates.length > 1) {
    // Kept as parts with their ids, so that totals still count a figure other fixes carry once.
    const parts = estimates.flatMap((e, i) => e.parts ?? [{ id: e.id ?? `${finding.ruleId}#${i}:${e.basis}`, bytes: e.bytes }]);
    out.estimate = { bytes: parts.reduce((a, p) => a + p.bytes, 0), basis: estimates.map((e) => e.basis).join('; '), parts };
  }
  return out;
}

function ruleIdsOf(fixes: readonly SlimFix[]): string[] {
  return [...new Set(fixes.map((f) => f.ruleId))];
}

/** Two intervals an editor could not apply as separate edits: they overlap, start together, or one is an insertion inside the other. */
function conflicts(a: Interval, b: Interval): boolean {
  if (a.start === b.start) return true;
  if (Math.max(a.start, b.start) < Math.min(a.end, b.end)) return true;
  const inside = (p: Interval, q: Interval): boolean => p.start === p.end && q.start < p.start && p.start < q.end;
  return inside(a, b) || inside(b, a);
}

function findClash(built: readonly BuiltGroup[]): [number, number] | null {
  for (let i = 0; i < built.length; i++) {
    for (let j = i + 1; j < built.length; j++) {
      if (conflicts(built[i]!, built[j]!) || built[i]!.absorbed.some((k) => built[j]!.absorbed.includes(k))) return [i, j];
    }
  }
  return null;
}

/**
 * One unsafe group as one edit of the original text: the group's fixes applied to the safe text, and the
 * smallest range that holds everything they change, grown over every safe edit it touches (which it then
 * carries). Null when none of its fixes applies, or when the edit would not give exactly the group's text.
 */
function buildGroup(text: string, safeText: string, group: Candidate[], safeEdits: readonly SafeEdit[]): BuiltGroup | null {
  const { text: fixed, taken } = applyFixes(safeText, group.map((c) => c.fix));
  if (taken.length === 0 || fixed === safeText) return null;
  const candidates = taken.sort((a, b) => a - b).map((i) => group[i]!);
  const safeLines = new LineTable(safeText);
  const edits = candidates.flatMap((c) => c.fix.edits);
  // The span, in the safe text.
  const span: Interval = {
    start: Math.min(...edits.map((e) => safeLines.offsetAt(e.range.start))),
    end: Math.max(...edits.map((e) => safeLines.offsetAt(e.range.end))),
  };
  const inSafe = safeEdits.map((e) => ({ start: e.at, end: e.at + e.newText.length }));
  const absorbed = new Set<number>();
  for (let grown = true; grown; ) {
    grown = false;
    inSafe.forEach((iv, k) => {
      if (absorbed.has(k) || !conflicts(span, iv)) return;
      absorbed.add(k);
      span.start = Math.min(span.start, iv.start);
      span.end = Math.max(span.end, iv.end);
      grown = true;
    });
  }
  const delta = (e: SafeEdit): number => e.newText.length - (e.end - e.start);
  const shiftBefore = safeEdits.reduce((sum, e, k) => (!absorbed.has(k) && e.at < span.start ? sum + delta(e) : sum), 0);
  const shiftInside = [...absorbed].reduce((sum, k) => sum + delta(safeEdits[k]!), 0);
  const start = span.start - shiftBefore;
  const end = span.end - shiftBefore - shiftInside;
  const newText = fixed.slice(span.start, span.end + fixed.length - safeText.length);
  // Check the cut: this edit with the safe edits it does not carry must give exactly the group's text.
  const lines = new LineTable(text);
  const outside = safeEdits.filter((_, k) => !absorbed.has(k)).map((e) => ({ range: lines.range(e.start, e.end), newText: e.newText }));
  if (applyChanges(text, [...outside, { range: lines.range(start, end), newText }]) !== fixed) return null;
  return { start, end, newText, candidates, absorbed: [...absorbed].sort((a, b) => a - b) };
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

/** Estimated bytes at stake, for one kind of change: the sum, and how many of its findings or fixes carry an estimate. */
export interface SavingsPart {
  bytes: number;
  /** Fixes or findings counted. */
  count: number;
  /** How many of them carry an estimate (the others are "not estimated", which is not 0 B). */
  estimated: number;
}

/**
 * "Show estimated savings", from the same plan "Slim this Dockerfile" applies, so the two agree: each fix
 * counted under the safety it really has (a safe fix an unsafe group carries is still safe: the slim command
 * applies it even when that group is refused), and what is left in the findings of the slimmed text: those
 * with a fix the plan could not fit, and those that need a person.
 */
export function savingsSummary(plan: SlimPlan): { safe: SavingsPart; unsafe: SavingsPart; manual: SavingsPart } {
  const part = (): SavingsPart => ({ bytes: 0, count: 0, estimated: 0 });
  const out = { safe: part(), unsafe: part(), manual: part() };
  // A figure several findings share (same estimate id or part id) is counted once, where it is first met.
  const tally = new EstimateTally();
  const add = (p: SavingsPart, e: Estimate | undefined): void => {
    p.count++;
    if (!e) return;
    p.estimated++;
    p.bytes += tally.add(e);
  };
  for (const g of plan.groups) for (const f of g.fixes) add(f.safety === 'safe' ? out.safe : out.unsafe, f.estimate);
  for (const f of plan.remaining) {
    const chosen = chosenFix(f, true);
    add(!chosen ? out.manual : chosen.safety === 'safe' ? out.safe : out.unsafe, f.estimate);
  }
  return out;
}
