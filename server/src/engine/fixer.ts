import type { EngineConfig } from './config.js';
import { contextAfterFileEdits } from './dockerignore.js';
import { analyze } from './linter.js';
import { LineTable } from './text.js';
import type { BuildContextInfo, Finding, Fix, Rule, TextEdit } from './types.js';

export interface FixOptions {
  /** Also apply unsafe fixes. */
  unsafe?: boolean;
  /** Only fixes of findings this accepts. */
  filter?: (finding: Finding) => boolean;
  /** Upper bound on lint → apply rounds. */
  maxPasses?: number;
  rules?: readonly Rule[];
}

export interface AppliedFix {
  ruleId: string;
  title: string;
  safety: Fix['safety'];
  estimate?: Finding['estimate'];
  /** Edits to other files that came with this fix; the adapter applies them when it writes the Dockerfile. */
  fileEdits?: Fix['fileEdits'];
}

export interface FixResult {
  text: string;
  applied: AppliedFix[];
  /** Findings left after the last round. */
  remaining: Finding[];
  passes: number;
  /** The build context as the applied fixes' file edits leave it (what the adapter has to write). */
  context: BuildContextInfo;
}

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * Applies fixes until nothing more applies: each round lints, takes the wanted fixes in document order,
 * skips any fix whose edits overlap one already taken (it is retried next round, on the new text), and
 * applies the rest. A fix's edits are applied together or not at all; nothing outside them changes.
 *
 * File edits (a `.dockerignore` beside the Dockerfile) are not written here: they are reported in `applied`
 * for the adapter, and applied to the build context the next round lints with, so a finding they fix goes
 * away. A fix with file edits only is taken once per distinct set of edits.
 */
export function fix(text: string, config?: Partial<EngineConfig>, options: FixOptions = {}): FixResult {
  const applied: AppliedFix[] = [];
  const maxPasses = options.maxPasses ?? 10;
  let current = text;
  let context: BuildContextInfo = config?.context ?? {};
  let remaining: Finding[] = [];
  let passes = 0;
  const seen = new Set<string>([current]);
  /** File edits already applied to `context`, by content. */
  const filesDone = new Set<string>();
  const lintNow = (): Finding[] => analyze(current, { ...config, context }, options.rules).findings;
  while (passes < maxPasses) {
    const findings = lintNow();
    remaining = findings;
    const wanted = findings.filter((f) => !options.filter || options.filter(f));
    const candidates: { finding: Finding; fix: Fix }[] = [];
    for (const f of wanted) {
      const chosen = chosenFix(f, options.unsafe === true);
      if (chosen) candidates.push({ finding: f, fix: chosen });
    }
    if (candidates.length === 0) break;
    const { text: next, taken } = applyFixes(current, candidates.map((c) => c.fix));
    const textMoved = taken.length > 0 && next !== current && !seen.has(next);
    const filesOnly = candidates.flatMap((c, i) => (c.fix.edits.length === 0 && !filesDone.has(fileEditsKey(c.fix)) ? [i] : []));
    if (!textMoved && filesOnly.length === 0) break;
    passes++;
    for (const i of [...(textMoved ? taken : []), ...filesOnly]) {
      const c = candidates[i]!;
      const a: AppliedFix = { ruleId: c.finding.ruleId, title: c.fix.title, safety: c.fix.safety };
      if (c.finding.estimate) a.estimate = c.finding.estimate;
      if (c.fix.fileEdits && c.fix.fileEdits.length > 0) {
        a.fileEdits = c.fix.fileEdits;
        const key = fileEditsKey(c.fix);
        if (!filesDone.has(key)) {
          filesDone.add(key);
          context = contextAfterFileEdits(context, c.fix.fileEdits);
        }
      }
      applied.push(a);
    }
    if (textMoved) {
      seen.add(next);
      current = next;
    }
  }
  if (passes === maxPasses) remaining = lintNow();
  return { text: current, applied, remaining, passes, context };
}

/**
 * The fix `fix()` takes for a finding: the first that changes something (the Dockerfile or another file)
 * and that the wanted safety allows.
 */
export function chosenFix(finding: Finding, unsafe: boolean): Fix | undefined {
  return finding.fixes.find((x) => (x.edits.length > 0 || (x.fileEdits?.length ?? 0) > 0) && (x.safety === 'safe' || unsafe));
}

function fileEditsKey(f: Fix): string {
  return JSON.stringify(f.fileEdits ?? []);
}

/** Applies as many of the fixes as do not overlap, in document order; returns the indexes taken. */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; taken: number[] } {
  const lines = new LineTable(text);
  const toOffsets = (e: TextEdit): OffsetEdit => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText });
  const order = fixes
    .map((f, i) => ({ i, edits: f.edits.map(toOffsets) }))
    .filter((f) => f.edits.length > 0)
    .sort((a, b) => Math.min(...a.edits.map((e) => e.start)) - Math.min(...b.edits.map((e) => e.start)) || a.i - b.i);
  const accepted: OffsetEdit[] = [];
  const taken: number[] = [];
  for (const f of order) {
    if (f.edits.some((e, k) => f.edits.some((o, m) => m !== k && overlaps(e, o)))) continue;
    if (f.edits.some((e) => accepted.some((a) => overlaps(a, e)))) continue;
    accepted.push(...f.edits);
    taken.push(f.i);
  }
  return { text: applyEdits(text, accepted), taken };
}

function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  if (a.start === b.start) return true;
  return Math.max(a.start, b.start) < Math.min(a.end, b.end);
}

/** The text with edits (offsets of `text`, not overlapping) applied; edits that start at the same offset keep their order. */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** One edit that turns `before` into `after` (common prefix and suffix kept): for the editor's fix-all. */
export function minimalEdit(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  const lines = new LineTable(before);
  return { range: lines.range(start, endB), newText: after.slice(start, endA) };
}
