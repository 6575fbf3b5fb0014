import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fix, FILE_TOO_LARGE, lint, LineTable, MAX_TEXT_LENGTH, type Finding } from '../../server/src/engine/index.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { engineReady } from '../support/engine.js';

/**
 * Large inputs finish and give the right answer. No timing asserts here (budgets belong to the benchmarks),
 * but each of these took seconds to minutes before the rules stopped rescanning stages per instruction.
 */
function countByRule(findings: readonly Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.ruleId] = (out[f.ruleId] ?? 0) + 1;
  return out;
}

function assertRangesInside(text: string, findings: readonly Finding[]): void {
  const lines = new LineTable(text);
  for (const f of findings) {
    for (const p of [f.range.start, f.range.end]) {
      assert.ok(p.line < lines.lineCount, `${f.ruleId}: line ${p.line} beyond the end`);
      assert.ok(p.character <= lines.lineText(p.line).length, `${f.ruleId}: character ${p.character} beyond line ${p.line}`);
    }
  }
}

/** The stage tests count the apt and CMD findings; the image-choice and layer rules are not what they are about. */
const QUIET = { rules: { 'runs-as-root': 'off', 'large-base-image': 'off', 'cleanup-in-later-layer': 'off' } } as const;

describe('large inputs', () => {
  before(() => engineReady);

  it('a 50,000-line Dockerfile: every finding, in place', () => {
    const block = (i: number): string[] => [
      `# service ${i}`,
      'RUN apt-get update && apt-get install -y \\',
      `    curl${i} \\`,
      '    ca-certificates \\',
      '  && echo done',
      `ENV VERSION_${i}=1.${i}`,
      `COPY src/${i} /app/${i}`,
      `RUN pip install --no-cache-dir -r /app/${i}/requirements.txt`,
      '',
      `CMD python /app/${i}/main.py`,
    ];
    const lines = ['FROM debian:bookworm'];
    for (let i = 0; i < 5000; i++) lines.push(...block(i));
    const text = `${lines.join('\n')}\n`;
    assert.equal(lines.length, 50_001);
    const findings = lint(text);
    assert.deepEqual(countByRule(findings), { 'apt-lists-left': 5000, 'apt-recommends-installed': 5000, 'large-base-image': 1, 'runs-as-root': 1, 'shell-form-command': 5000 });
    assertRangesInside(text, findings);
    const last = findings.filter((f) => f.ruleId === 'shell-form-command').at(-1)!;
    assert.deepEqual(last.range, { start: { line: 50_000, character: 4 }, end: { line: 50_000, character: 28 } });
    const lastApt = findings.filter((f) => f.ruleId === 'apt-lists-left').at(-1)!;
    assert.deepEqual(lastApt.range.start, { line: 49_992, character: 4 });
  });

  it('a 10 MB single line: one informational file-too-large finding, and fix leaves it alone', () => {
    const text = `RUN apt-get install -y ${'a'.repeat(10_000_000)}`;
    const expected: Finding[] = [
      {
        ruleId: FILE_TOO_LARGE,
        severity: 'info',
        message: `This file has ${text.length.toLocaleString('en-US')} characters; Dockerfile Slim checks files of up to ${MAX_TEXT_LENGTH.toLocaleString('en-US')}.`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        fixes: [],
      },
    ];
    assert.deepEqual(lint(text), expected);
    const fixed = fix(text, undefined, { unsafe: true });
    assert.equal(fixed.text, text);
    assert.deepEqual(fixed.applied, []);
    assert.deepEqual(fixed.remaining, expected);
  });

  it('exactly at the size limit: linted, not skipped', () => {
    const head = 'FROM debian:bookworm-slim\nRUN apt-get update\n# ';
    const text = head + 'x'.repeat(MAX_TEXT_LENGTH - head.length);
    assert.equal(text.length, MAX_TEXT_LENGTH);
    assert.deepEqual(
      lint(text).map((f) => [f.ruleId, f.range.start.line]),
      [['apt-lists-left', 1]],
    );
  });

  it('2,000 chained stages: all ship, every finding is there, the root image is found at any depth', () => {
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      lines.push(i === 0 ? 'FROM scratch AS s0' : `FROM s${i - 1} AS s${i}`, 'RUN apt-get update && apt-get install -y curl', `ENV STAGE=${i}`, 'CMD ./app');
    }
    const text = `${lines.join('\n')}\n`;
    const model = buildModel(text);
    assert.equal(model.stages.length, 2000);
    assert.equal(model.stages.filter((s) => s.ships).length, 2000);
    assert.equal(model.stages[1999]!.parent, model.stages[1998]);
    const findings = lint(text, QUIET);
    assert.deepEqual(countByRule(findings), { 'apt-lists-left': 2000, 'apt-recommends-installed': 2000, 'shell-form-command': 2000 });
    // Every stage descends from scratch, 2,000 levels down: no shell anywhere, so each CMD is an error.
    const cmds = findings.filter((f) => f.ruleId === 'shell-form-command');
    assert.equal(cmds.filter((f) => f.severity === 'error' && f.message.includes('FROM scratch has no /bin/sh')).length, 2000);
    assertRangesInside(text, findings);
  });

  it('2,000 independent stages: only the last ships; fixing it keeps the 2,000 stages', () => {
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) lines.push(`FROM debian:bookworm AS s${i}`, 'RUN apt-get update && apt-get install -y curl', `COPY --from=s${Math.max(0, i - 1)} /out /out`);
    lines.push('CMD node server.js');
    const text = `${lines.join('\n')}\n`;
    const findings = lint(text, QUIET);
    assert.deepEqual(countByRule(findings), { 'apt-lists-left': 1, 'apt-recommends-installed': 1, 'shell-form-command': 1 });
    assert.equal(findings[0]!.range.start.line, 5998);
    const fixed = fix(text, QUIET, { unsafe: true });
    assert.equal(fixed.applied.length, 3);
    assert.equal(buildModel(fixed.text).stages.length, 2000);
    assert.deepEqual(fixed.remaining, []);
  });

  it('a 2,000-stage chain where a later stage installs without updating: each update points at the next stage', () => {
    const lines = ['FROM debian:bookworm AS s0', 'RUN apt-get update'];
    for (let i = 1; i < 2000; i++) lines.push(`FROM s${i - 1} AS s${i}`, 'RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*');
    const text = `${lines.join('\n')}\n`;
    const findings = lint(text, QUIET);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.range.start.line, f.fixes.length]),
      [['apt-lists-left', 1, 0]],
    );
    assert.match(findings[0]!.message, /move it into the RUN that installs \(line 4\)/);
  });
});
