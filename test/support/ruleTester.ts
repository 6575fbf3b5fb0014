import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { allRules, applyFixes, fix, lint } from '../../server/src/engine/index.js';
import { isCacheMountFix } from '../../server/src/engine/cacheMount.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import type { EngineConfig } from '../../server/src/engine/config.js';
import type { BuildContextInfo, FileEdit, Finding, FixSafety, Rule, Severity } from '../../server/src/engine/types.js';
import { engineReady } from './engine.js';

export { dockerfile } from './dockerfile.js';

export interface ExpectedError {
  /** 1-based line of the range start. */
  line: number;
  /** 1-based column of the range start. */
  column?: number;
  endLine?: number;
  /** 1-based column just after the range end. */
  endColumn?: number;
  /** A part of the message. */
  message?: string | RegExp;
  severity?: Severity;
  /** Estimated bytes, when the finding must carry an estimate. */
  estimate?: number;
  /** Related locations, as "line:column-endColumn message" (1-based); checked when given, and must be absent otherwise. */
  related?: string[];
}

export interface ValidCase {
  name: string;
  code: string;
  context?: BuildContextInfo;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /**
   * The text after applying this rule's fixes (safe and unsafe, until stable), or null when no finding
   * has a fix.
   */
  output: string | null;
  /** The text after applying only the safe fixes, when it differs from `output`. */
  safeOutput?: string | null;
  /** Safety of every fix offered for this case (the BuildKit cache-mount alternatives, always unsafe, aside). */
  fixSafety?: FixSafety;
  /**
   * The text after applying, once, the cache-mount fix of every finding (the unsafe alternative of the
   * package-cache rules), or null when no finding offers one. Checked when given: the text must parse with
   * the same stages and leave no finding of this rule.
   */
  mountOutput?: string | null;
  /** Findings of this rule expected to remain after the fix (findings that have no fix), default 0. */
  remaining?: number;
  /** Stages the fix adds (a multi-stage split adds one), default 0. */
  stagesAdded?: number;
  /** The edits to other files the applied fixes carry, each distinct one once (default none). */
  fileEdits?: FileEdit[];
}

/**
 * Table-driven test of one rule, with only that rule enabled. Checks exact ranges, exact fixed text, that
 * the fixed text still parses with the same stages and lints clean of the rule, and that no fix claims to
 * be safer than the rule's metadata allows.
 */
export function testRule(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const id = rule.meta.id;
  const rules = [rule];
  // A rule that is off by default is tested at `info`, the level a user turns it on with.
  const levels = rule.meta.defaultSeverity === 'off' ? { rules: { [id]: 'info' as const } } : {};
  const config = (context?: BuildContextInfo): Partial<EngineConfig> | undefined =>
    context || rule.meta.defaultSeverity === 'off' ? { ...levels, ...(context ? { context } : {}) } : undefined;
  const run = (code: string, context?: BuildContextInfo): Finding[] => lint(code, config(context), rules);
  describe(id, () => {
    before(() => engineReady);
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const findings = run(c.code, c.context);
        assert.deepEqual(
          findings.map((f) => `${f.range.start.line + 1}: ${f.message}`),
          [],
          'expected no finding',
        );
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const findings = run(c.code, c.context);
        assert.equal(findings.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${findings.map((f) => `  ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`).join('\n')}`);
        c.errors.forEach((e, i) => {
          const f = findings[i]!;
          assert.equal(f.ruleId, id);
          assert.equal(f.range.start.line + 1, e.line, `finding ${i}: line`);
          if (e.column !== undefined) assert.equal(f.range.start.character + 1, e.column, `finding ${i}: column`);
          if (e.endLine !== undefined) assert.equal(f.range.end.line + 1, e.endLine, `finding ${i}: end line`);
          if (e.endColumn !== undefined) assert.equal(f.range.end.character + 1, e.endColumn, `finding ${i}: end column`);
          if (typeof e.message === 'string') assert.ok(f.message.includes(e.message), `finding ${i}: message "${f.message}" lacks "${e.message}"`);
          if (e.message instanceof RegExp) assert.match(f.message, e.message);
          if (e.severity) assert.equal(f.severity, e.severity, `finding ${i}: severity`);
          if (e.estimate !== undefined) assert.equal(f.estimate?.bytes, e.estimate, `finding ${i}: estimate`);
          assert.deepEqual(
            (f.related ?? []).map((r) => `${r.range.start.line + 1}:${r.range.start.character + 1}-${r.range.end.character + 1} ${r.message}`),
            e.related ?? [],
            `finding ${i}: related locations`,
          );
          for (const x of f.fixes) {
            if (rule.meta.fix === 'none') assert.fail(`${id} declares no fix but offers "${x.title}"`);
            if (rule.meta.fix === 'unsafe') assert.equal(x.safety, 'unsafe', `fix "${x.title}" is safer than the rule's metadata allows`);
            if (isCacheMountFix(x)) assert.equal(x.safety, 'unsafe', `fix "${x.title}" safety`);
            else if (c.fixSafety) assert.equal(x.safety, c.fixSafety, `fix "${x.title}" safety`);
          }
        });
        if (c.mountOutput !== undefined) {
          const mounts = findings.flatMap((f) => f.fixes.filter(isCacheMountFix));
          if (c.mountOutput === null) assert.deepEqual(mounts.map((m) => m.title), [], 'expected no cache-mount fix');
          else {
            assert.ok(mounts.length > 0, 'expected a cache-mount fix');
            const mounted = applyFixes(c.code, mounts).text;
            assert.equal(mounted, c.mountOutput);
            assert.equal(buildModel(mounted).stages.length, buildModel(c.code).stages.length, 'the cache-mount fix changed the number of stages');
            assert.deepEqual(run(mounted, c.context).map((f) => `${f.range.start.line + 1}: ${f.message}`), [], 'findings left after the cache-mount fix');
            // The mount it adds is not emptied by a cleanup already in the RUN.
            const emptied = lint(mounted, config(c.context), allRules.filter((r) => r.meta.id === 'cache-mount-emptied'));
            assert.deepEqual(emptied.map((f) => `${f.range.start.line + 1}: ${f.message}`), [], 'the cache-mount fix leaves a removal of the mounted cache');
            // Each finding's mount is one fix: its edits (mount flags, apt's docker-clean removal) apply together
            // or not at all, so a fixer or an editor never takes half of it.
            for (const m of mounts) {
              const { text, taken } = applyFixes(c.code, [m]);
              assert.deepEqual(taken, [0], `"${m.title}" applies on its own`);
              const partial = applyFixes(c.code, [{ title: 'first edit', safety: 'unsafe', edits: [m.edits[0]!] }, m]);
              if (m.edits.length > 1) assert.deepEqual(partial.taken, [0], `"${m.title}" is all or nothing`);
              assert.ok(text.includes('--mount=type=cache,'), text);
            }
          }
        }
        const fixable = findings.some((f) => f.fixes.length > 0);
        if (c.output === null) {
          assert.equal(fixable, false, 'expected no fix');
          return;
        }
        assert.ok(fixable, 'expected a fix');
        const all = fix(c.code, config(c.context), { unsafe: true, rules });
        assert.equal(all.text, c.output);
        const fileEdits = [...new Map(all.applied.flatMap((a) => a.fileEdits ?? []).map((e) => [JSON.stringify(e), e])).values()];
        assert.deepEqual(fileEdits, c.fileEdits ?? [], 'edits to other files');
        // Re-lint in the build context as the file edits leave it.
        checkFixed(c.code, all.text, run(all.text, c.context && all.context), c.remaining ?? 0, c.stagesAdded ?? 0);
        if (c.safeOutput !== undefined) {
          const safe = fix(c.code, config(c.context), { rules });
          assert.equal(safe.text, c.safeOutput ?? c.code, 'safe-only output');
        }
      });
    }
  });
}

function checkFixed(before: string, after: string, relint: Finding[], remaining: number, stagesAdded: number): void {
  assert.equal(buildModel(after).stages.length, buildModel(before).stages.length + stagesAdded, 'the fix changed the number of stages');
  assert.equal(
    relint.filter((f) => f.fixes.length > 0).length,
    0,
    `the fixed text still has fixable findings:\n${relint.map((f) => `  ${f.range.start.line + 1}: ${f.message}`).join('\n')}`,
  );
  assert.equal(relint.length, remaining, `findings left after the fix:\n${relint.map((f) => `  ${f.range.start.line + 1}: ${f.message}`).join('\n')}`);
}
