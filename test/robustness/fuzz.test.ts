import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { allRules, lint, type Range, type RuleContext } from '../../server/src/engine/index.js';
import { dockerfileText, mutate, mutatedText, renderDocument } from '../support/arbitraries.js';
import { corpusFiles } from '../support/corpus.js';
import { engineReady } from '../support/engine.js';
import { checkInvariants, lineBreakKinds, minimize, runCampaign, type CampaignResult } from '../support/invariants.js';

/**
 * Seeded property tests (about 2,000 cases): with every rule on, lint and fix never throw and never report an
 * internal error, ranges stay inside the document, results are deterministic, a fix changes only its own
 * ranges, and fixing reaches a fixed point that keeps the BOM, the line breaks and the stages.
 * `npm run fuzz` runs the same properties on 100,000 cases.
 */
const SEED = 20_260_601;

function report(result: CampaignResult): string {
  return result.failures
    .map((f) => `seed ${f.seed}, path ${f.path}:\n  ${f.problems.join('\n  ')}\n  minimal: ${JSON.stringify(f.minimal)}\n  generated: ${JSON.stringify(f.text.slice(0, 3000))}`)
    .join('\n\n');
}

describe('fuzz: lint and fix invariants on generated input', () => {
  let favoured: string[] = [];
  let files: string[] = [];
  before(async () => {
    await engineReady;
    files = corpusFiles().map(([, text]) => text);
    // Half of the mutated cases start from files the rules have something to say about.
    favoured = files.filter((t) => lint(t).length > 0);
  });

  it('Dockerfile-like documents (1,400 cases)', () => {
    const result = runCampaign(dockerfileText, { seed: SEED, numRuns: 1400 });
    assert.equal(result.cases, 1400);
    assert.equal(result.failures.length, 0, report(result));
  });

  it('half-typed corpus files (600 cases)', () => {
    const result = runCampaign(mutatedText(files, favoured), { seed: SEED + 1, numRuns: 600 });
    assert.equal(result.cases, 600);
    assert.equal(result.failures.length, 0, report(result));
  });
});

describe('fuzz: the generators and the checker themselves', () => {
  before(() => engineReady);

  it('renders the escape character, the line breaks, the BOM and the final line break as planned', () => {
    const text = renderDocument({
      bom: true,
      directives: [],
      escape: '`',
      eol: 'mixed',
      mixed: ['\r\n', '\r'],
      indents: [0],
      blocks: [['FROM scratch'], ['RUN a \uE000', '    b']],
      finalEol: false,
    });
    assert.equal(text, '\uFEFF# escape=`\r\nFROM scratch\rRUN a `\r\n    b');
  });

  it('mutations cut, duplicate, insert and truncate at a fraction of the text', () => {
    const t = '0123456789';
    assert.equal(mutate(t, [{ kind: 'cut', at: 500_000, length: 2, insert: '' }]), '01234789');
    assert.equal(mutate(t, [{ kind: 'duplicate', at: 0, length: 3, insert: '' }]), '0120123456789');
    assert.equal(mutate(t, [{ kind: 'insert', at: 1_000_000, length: 0, insert: '\\\n' }]), '0123456789\\\n');
    assert.equal(mutate(t, [{ kind: 'truncate', at: 300_000, length: 0, insert: '' }]), '012');
    assert.equal(mutate('a\nb\r\nc', [{ kind: 'replace-eols', at: 0, length: 1, insert: '' }]), 'a\rb\rc');
  });

  it('generates what the rules and fixes work on: findings of every kind, fixes, CRLF, BOMs, heredocs, backticks', () => {
    const sample = fc.sample(dockerfileText, { seed: SEED, numRuns: 400 });
    const rules = new Set(sample.flatMap((t) => lint(t).map((f) => f.ruleId)));
    // The rules the generators were written for; a new rule needs generators that make it fire (add it here).
    const covered = [
      'apk-cache-kept',
      'apt-lists-left',
      'apt-recommends-installed',
      'build-dependencies-kept',
      'dnf-cache-kept',
      'npm-cache-kept',
      'npm-dev-dependencies-installed',
      'pip-cache-kept',
      'rpm-weak-deps-installed',
      'shell-form-command',
      'yum-cache-kept',
      'zypper-cache-kept',
    ];
    assert.deepEqual(covered.filter((id) => !rules.has(id)), [], 'rules the generated documents never trigger');
    const count = (p: (t: string) => boolean): number => sample.filter(p).length;
    assert.ok(count((t) => lint(t).some((f) => f.fixes.length > 0)) >= 80, 'too few cases with a fix');
    assert.ok(count((t) => t.startsWith('\uFEFF')) >= 10, 'too few BOMs');
    assert.ok(count((t) => lineBreakKinds(t).has('\r\n')) >= 50, 'too few CRLF files');
    assert.ok(count((t) => lineBreakKinds(t).has('\r')) >= 20, 'too few lone CRs');
    assert.ok(count((t) => t.includes('<<')) >= 30, 'too few heredocs');
    assert.ok(count((t) => t.startsWith('# escape=`')) >= 20, 'too few backtick escapes');
    assert.ok(count((t) => t.includes('\0')) >= 5, 'too few NUL bytes');
    assert.ok(count((t) => /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(t)) >= 20, 'too few astral characters');
  });

  it('the checker reports each kind of broken rule or fix', () => {
    const text = 'FROM debian\r\nRUN apt-get update\r\n';
    const bad = (check: (ctx: RuleContext) => void): string[] =>
      checkInvariants(text, { rules: [{ meta: { ...allRules[0]!.meta, id: 'bad-rule' }, check }] });
    const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
    const fixWith = (range: Range, newText: string) => [{ title: 'Bad fix', safety: 'unsafe' as const, edits: [{ range, newText }] }];
    assert.deepEqual(checkInvariants(text), []);
    assert.match(bad(() => {
      throw new Error('boom');
    }).join('\n'), /internal error: Rule bad-rule failed on this file and was skipped: boom/);
    assert.match(bad((c) => c.report({ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, message: 'x' })).join('\n'), /line 9 beyond the last line 2/);
    assert.match(bad((c) => c.report({ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 12 } }, message: 'x' })).join('\n'), /character 12 beyond the end of line 0/);
    assert.match(bad((c) => c.report({ range: { start: { line: 1, character: 0 }, end: { line: 0, character: 0 } }, message: 'x' })).join('\n'), /start after end/);
    let calls = 0;
    assert.match(bad((c) => c.report({ range: whole, message: `call ${calls++}` })).join('\n'), /lint is not deterministic/);
    // A fix that never makes its finding go away: fix() goes round until its pass limit.
    assert.match(bad((c) => c.report({ range: whole, message: 'x', fixes: fixWith(whole, 'FROM') })).join('\n'), /fixable findings left after fix: bad-rule@1/);
    const once = (c: RuleContext, newText: string, range = whole): void => {
      if (!c.model.text.includes('#fixed')) c.report({ range, message: 'x', fixes: fixWith(range, newText) });
    };
    assert.match(bad((c) => once(c, 'FROM\n#fixed')).join('\n'), /fix added "\\n" line breaks to a text using \["\\r\\n"\]/);
    assert.match(bad((c) => once(c, '#fixed\r\nFROM scratch\r\nFROM')).join('\n'), /fix changed the number of stages: 1 → 2/);
    assert.match(
      checkInvariants(`\uFEFF${text}`, { rules: [{ meta: { ...allRules[0]!.meta, id: 'bad-rule' }, check: (c) => once(c, '#fixed', { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }) }] }).join('\n'),
      /the BOM was added or removed/,
    );
    // Two edits of one fix on the same spot overlap: the fix cannot be applied alone.
    assert.match(
      bad((c) => c.report({ range: whole, message: 'x', fixes: [{ title: 'Overlap', safety: 'unsafe', edits: [{ range: whole, newText: 'a' }, { range: whole, newText: 'b' }] }] })).join('\n'),
      /bad-rule "Overlap": its edits overlap/,
    );
  });

  it('the minimiser shrinks a failing text to a small one that still fails', () => {
    const failing = (t: string): boolean => t.includes('apt-get update');
    assert.equal(minimize('FROM debian\n# x\nRUN apt-get update && true\nCMD x\n', failing), 'apt-get update');
  });
});
