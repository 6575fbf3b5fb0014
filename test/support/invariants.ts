/**
 * The robustness properties every input must satisfy, shared by the seeded fuzz test and the long campaign
 * (bench/fuzz.ts). `checkInvariants` returns the broken ones as short sentences (empty when all hold); it
 * never throws, so a crash of the engine is reported like any other broken property.
 */
import fc from 'fast-check';
import { allRules, applyFixes, fix, INTERNAL_ERROR, lint, LineTable, type EngineConfig, type Finding, type Range, type Rule, type RuleLevel } from '../../server/src/engine/index.js';
import { buildModel } from '../../server/src/engine/model/model.js';

/** Every rule on, including any whose default level is `off`. */
export const ALL_RULES_ON: Partial<EngineConfig> = {
  rules: Object.fromEntries(allRules.filter((r) => r.meta.defaultSeverity === 'off').map((r) => [r.meta.id, 'warning' as RuleLevel])),
};

type LineBreak = '\n' | '\r\n' | '\r';

/** The kinds of line break a text uses. */
export function lineBreakKinds(text: string): Set<LineBreak> {
  const kinds = new Set<LineBreak>();
  for (const m of text.matchAll(/\r\n|\r|\n/g)) kinds.add(m[0] as LineBreak);
  return kinds;
}

function rangeProblem(range: Range, lines: LineTable): string | null {
  const { start, end } = range;
  for (const p of [start, end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `non-integer or negative position ${JSON.stringify(p)}`;
    if (p.line >= lines.lineCount) return `line ${p.line} beyond the last line ${lines.lineCount - 1}`;
    const length = lines.lineEndOffset(p.line) - lines.starts[p.line]!;
    if (p.character > length) return `character ${p.character} beyond the end of line ${p.line} (length ${length})`;
  }
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return `start after end ${JSON.stringify(range)}`;
  return null;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

const stageSplit = (title: string): boolean => /stage/i.test(title);

/**
 * Checks, with every rule on:
 * - `lint` does not throw, reports no internal error, gives ranges inside the document (also for fix edits)
 *   and the same findings twice;
 * - every fix applied alone changes the text only inside its edit ranges;
 * - `fix(…, {unsafe: true})` does not throw, reaches a fixed point, leaves no fixable finding, keeps the BOM,
 *   adds no kind of line break the text did not use, and keeps the number of stages (unless a fix splits one).
 */
export function checkInvariants(text: string, options: { config?: Partial<EngineConfig>; rules?: readonly Rule[] } = {}): string[] {
  const config = options.config ?? ALL_RULES_ON;
  const rules = options.rules;
  const problems: string[] = [];
  let findings: Finding[];
  try {
    findings = lint(text, config, rules);
  } catch (error) {
    return [`lint threw ${describeError(error)}`];
  }
  const lines = new LineTable(text);
  for (const f of findings) {
    if (f.ruleId === INTERNAL_ERROR) problems.push(`internal error: ${f.message}`);
    const bad = rangeProblem(f.range, lines);
    if (bad) problems.push(`${f.ruleId}: finding range: ${bad}`);
    for (const x of f.fixes) {
      for (const e of x.edits) {
        const badEdit = rangeProblem(e.range, lines);
        if (badEdit) problems.push(`${f.ruleId}: edit range of "${x.title}": ${badEdit}`);
      }
    }
  }
  try {
    if (JSON.stringify(lint(text, config, rules)) !== JSON.stringify(findings)) problems.push('lint is not deterministic');
  } catch (error) {
    problems.push(`second lint threw ${describeError(error)}`);
  }

  for (const f of findings) {
    for (const x of f.fixes) problems.push(...checkSingleFix(text, lines, f.ruleId, x.title, x.edits));
  }

  let fixed: ReturnType<typeof fix>;
  try {
    fixed = fix(text, config, { unsafe: true, rules });
  } catch (error) {
    problems.push(`fix threw ${describeError(error)}`);
    return problems;
  }
  try {
    const again = fix(fixed.text, config, { unsafe: true, rules });
    if (again.text !== fixed.text) problems.push(`not a fixed point: a second fix applied ${again.applied.map((a) => `[${a.ruleId}] ${a.title}`).join(', ')}`);
  } catch (error) {
    problems.push(`second fix threw ${describeError(error)}`);
  }
  const fixable = fixed.remaining.filter((f) => f.fixes.some((x) => x.edits.length > 0));
  if (fixable.length > 0) problems.push(`fixable findings left after fix: ${fixable.map((f) => `${f.ruleId}@${f.range.start.line + 1}`).join(', ')}`);
  if (text.startsWith('\uFEFF') !== fixed.text.startsWith('\uFEFF')) problems.push('the BOM was added or removed');
  if (fixed.text !== text) {
    const before = lineBreakKinds(text);
    const after = lineBreakKinds(fixed.text);
    const allowed = before.size === 0 ? new Set<LineBreak>(['\n']) : before;
    for (const k of after) if (!allowed.has(k)) problems.push(`fix added ${JSON.stringify(k)} line breaks to a text using ${JSON.stringify([...before])}`);
    try {
      const stagesBefore = buildModel(text).stages.length;
      const stagesAfter = buildModel(fixed.text).stages.length;
      const splits = fixed.applied.filter((a) => stageSplit(a.title)).length;
      if (stagesAfter !== stagesBefore + splits) problems.push(`fix changed the number of stages: ${stagesBefore} → ${stagesAfter}`);
    } catch (error) {
      problems.push(`buildModel threw ${describeError(error)}`);
    }
  }
  return problems;
}

/** A fix applied alone is taken whole and changes nothing before its first edit, after its last, or between. */
function checkSingleFix(text: string, lines: LineTable, ruleId: string, title: string, edits: readonly { range: Range; newText: string }[]): string[] {
  if (edits.length === 0) return [];
  const name = `${ruleId} "${title}"`;
  let result: { text: string; taken: number[] };
  try {
    result = applyFixes(text, [{ title, safety: 'unsafe', edits: [...edits] }]);
  } catch (error) {
    return [`${name}: applyFixes threw ${describeError(error)}`];
  }
  if (result.taken.length !== 1) return [`${name}: its edits overlap, so it cannot be applied`];
  const spans = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => a.start - b.start);
  const first = spans[0]!;
  const last = spans[spans.length - 1]!;
  const out = result.text;
  const problems: string[] = [];
  if (out.slice(0, first.start) !== text.slice(0, first.start)) problems.push(`${name}: changed text before its first edit`);
  const suffix = text.slice(last.end);
  if (out.length < suffix.length || out.slice(out.length - suffix.length) !== suffix) problems.push(`${name}: changed text after its last edit`);
  // Rebuild independently: the untouched gaps between the edits, with each edit's new text in between.
  let expected = text.slice(0, first.start);
  spans.forEach((s, i) => {
    expected += s.newText + text.slice(s.end, spans[i + 1]?.start ?? text.length);
  });
  if (problems.length === 0 && expected !== out) problems.push(`${name}: changed text between its edits`);
  return problems;
}

/**
 * Shrinks a failing text to a small one that still shows the same first problem: drops chunks of lines, then
 * chunks of characters, while the problem stays (a simple delta debugging).
 */
export function minimize(text: string, failing: (t: string) => boolean, budget = 2000): string {
  let current = text;
  let calls = 0;
  const tryCut = (units: string[], join: string): string[] => {
    let parts = units;
    for (let size = Math.max(1, Math.floor(parts.length / 2)); size >= 1; size = Math.floor(size / 2)) {
      for (let i = 0; i + size <= parts.length && calls < budget; ) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + size)];
        calls++;
        if (failing(candidate.join(join))) parts = candidate;
        else i += size;
      }
      if (size === 1) break;
    }
    return parts;
  };
  current = tryCut(current.split(/(?<=\n)/), '').join('');
  current = tryCut([...current], '').join('');
  return current;
}

export interface Counterexample {
  /** The failing text as generated (after fast-check's own shrinking). */
  text: string;
  /** The smallest text found that still shows the first problem. */
  minimal: string;
  problems: string[];
  /** Seed and path that replay the failure with fast-check. */
  seed: number;
  path: string | undefined;
}

export interface CampaignResult {
  cases: number;
  failures: Counterexample[];
}

/**
 * Runs the properties on `numRuns` cases of `arbitrary`, in batches with seeds `seed`, `seed + 1`, …; a batch
 * stops at its first failure, which is shrunk by fast-check and then minimised as text.
 */
export function runCampaign(arbitrary: fc.Arbitrary<string>, options: { seed: number; numRuns: number; batch?: number; onBatch?: (done: number) => void }): CampaignResult {
  const batch = options.batch ?? options.numRuns;
  const failures: Counterexample[] = [];
  let cases = 0;
  for (let k = 0; cases < options.numRuns; k++) {
    const seed = options.seed + k;
    const numRuns = Math.min(batch, options.numRuns - cases);
    const details = fc.check(
      fc.property(arbitrary, (text) => checkInvariants(text).length === 0),
      { seed, numRuns },
    );
    cases += details.failed ? details.numRuns : numRuns;
    if (details.failed && details.counterexample) {
      const text = details.counterexample[0];
      const problems = checkInvariants(text);
      const key = problemKey(problems[0] ?? '');
      const minimal = minimize(text, (t) => checkInvariants(t).some((p) => problemKey(p) === key));
      failures.push({ text, minimal, problems, seed, path: details.counterexamplePath ?? undefined });
    }
    options.onBatch?.(cases);
  }
  return { cases, failures };
}

/** A problem without its numbers: two failures with the same key are the same bug, most likely. */
export function problemKey(problem: string): string {
  return problem.replace(/\d+/g, 'N').slice(0, 80);
}
