import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fix, FILE_TOO_LARGE, lint, LineTable, MAX_SCRIPT_LENGTH, MAX_TEXT_LENGTH, SCRIPT_TOO_LONG, type Finding } from '../../server/src/engine/index.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { engineReady } from '../support/engine.js';

/**
 * Large inputs finish and give the right answer. No timing asserts here (budgets belong to the benchmarks),
 * but each of these took from seconds to minutes while rules rescanned the stage (or the whole stage chain)
 * for every instruction or command.
 */
/**
 * Counts of findings per rule, for the rules `expected` names (rules added later may find more on these
 * files); there must be no internal error.
 */
function assertCounts(findings: readonly Finding[], expected: Record<string, number>): void {
  assert.deepEqual(
    findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message),
    [],
  );
  const counts: Record<string, number> = {};
  for (const id of Object.keys(expected)) counts[id] = findings.filter((f) => f.ruleId === id).length;
  assert.deepEqual(counts, expected);
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

describe('large inputs', () => {
  before(() => engineReady);

  it('a 50,000-line Dockerfile with every package manager: every finding, in place', () => {
    const installs = [
      (i: number) => ['RUN apt-get update && apt-get install -y \\', `    curl${i} \\`, '    ca-certificates \\', '  && echo done'],
      (i: number) => [`RUN apk add --virtual .build-deps gcc${i} && make && apk del .build-deps`],
      (i: number) => [`RUN pip install -r /app/${i}/requirements.txt`],
      (i: number) => [`RUN npm ci && npm run build${i}`],
      (i: number) => [`RUN dnf install -y httpd${i}`],
      (i: number) => [`RUN yum install -y tool${i}`],
      (i: number) => [`RUN zypper install -y lib${i}`],
    ];
    const lines = ['FROM debian:bookworm'];
    for (let i = 0; i < 6731; i++) {
      lines.push(`# service ${i}`, ...installs[i % installs.length]!(i), `ENV APP_VERSION=1.${i}`, `COPY src/${i} /app/${i}`, `WORKDIR /app/${i}`, '', `CMD python /app/${i}/main.py`);
    }
    const text = `${lines.join('\n')}\n`;
    assert.equal(lines.length, 50_004);
    const findings = lint(text);
    // The first apk add leaves the index; every later one (no -U) reuses it and adds none of its own.
    assertCounts(findings, {
      'apk-cache-kept': 1,
      'apt-lists-left': 962,
      'apt-recommends-installed': 962,
      'dnf-cache-kept': 961,
      'npm-cache-kept': 962,
      'pip-cache-kept': 962,
      'rpm-weak-deps-installed': 1922,
      // Each CMD replaces the one before: only the last one runs, and only it is reported.
      'shell-form-command': 1,
      'yum-cache-kept': 961,
      'zypper-cache-kept': 961,
    });
    assertRangesInside(text, findings);
    const last = findings.filter((f) => f.ruleId === 'shell-form-command').at(-1)!;
    assert.deepEqual(last.range, { start: { line: 50_003, character: 4 }, end: { line: 50_003, character: 28 } });
    const lastZypper = findings.filter((f) => f.ruleId === 'zypper-cache-kept').at(-1)!;
    assert.equal(lines[lastZypper.range.start.line], 'RUN zypper install -y lib6726');
  });

  it('3,000 installs of build packages, each followed by a build: every finding names the build after it', () => {
    // Each finding looks for the next build step of the stage and of the stages built FROM it: once per
    // lint, not once per install (that took minutes on long files).
    const lines = ['FROM debian:bookworm AS base'];
    for (let i = 0; i < 3000; i++) lines.push(`RUN apt-get install -y --no-install-recommends build-essential lib${i}-dev`, `RUN make -C /src/${i}`);
    lines.push('FROM base', 'RUN apt-get install -y --no-install-recommends gcc', 'RUN ./configure', 'CMD ["/app"]');
    const text = `${lines.join('\n')}\n`;
    const findings = lint(text).filter((f) => f.ruleId === 'build-dependencies-kept' || f.ruleId === 'internal-error');
    assert.equal(findings.length, 3001);
    findings.forEach((f, i) => {
      assert.equal(f.fixes.length, 0);
      const next = i < 3000 ? `"make" on line ${2 * i + 3}` : `"configure" on line ${lines.length - 1}`;
      assert.ok(f.message.includes(next), `${i}: ${f.message}`);
    });
  });

  it('a 10 MB single line: one informational file-too-large finding, and fix leaves it alone', () => {
    const text = `RUN apt-get install -y ${'a'.repeat(10_000_000)}`;
    const expected: Finding[] = [
      {
        ruleId: FILE_TOO_LARGE,
        severity: 'info',
        message: `File too large to check (${text.length.toLocaleString('en-US')} characters; the limit is ${MAX_TEXT_LENGTH.toLocaleString('en-US')}).`,
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

  it('a RUN script over the script limit: one informational finding on that RUN, the others still checked, fix leaves it alone', () => {
    const long = `RUN apt-get install -y ${'pkg '.repeat(30_000)}`;
    const text = `FROM debian:bookworm\n${long}\n  run apt-get update\n`;
    const bodyLength = long.length - 'RUN '.length;
    assert.ok(bodyLength > MAX_SCRIPT_LENGTH);
    const findings = lint(text).filter((f) => ['apt-lists-left', 'apt-recommends-installed', SCRIPT_TOO_LONG, 'internal-error'].includes(f.ruleId));
    assert.deepEqual(findings, [
      {
        ruleId: SCRIPT_TOO_LONG,
        severity: 'info',
        message: `RUN too long to check (${bodyLength.toLocaleString('en-US')} characters; the limit is 100,000).`,
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } },
        fixes: [],
      },
      findings.find((f) => f.ruleId === 'apt-lists-left' && f.range.start.line === 2)!,
    ]);
    assert.deepEqual(findings[1]!.range, { start: { line: 2, character: 6 }, end: { line: 2, character: 20 } });
    const fixed = fix(text, undefined, { unsafe: true });
    assert.equal(fixed.text.split('\n')[1], long);
  });

  it('a RUN script just under the script limit is read', () => {
    const head = 'RUN apt-get install -y ';
    const body = `${head.slice(4)}${'p'.repeat(MAX_SCRIPT_LENGTH - head.length + 4)}`;
    assert.equal(body.length, MAX_SCRIPT_LENGTH);
    const findings = lint(`FROM debian:bookworm\nRUN ${body}\n`);
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'apt-recommends-installed' || f.ruleId === SCRIPT_TOO_LONG).map((f) => [f.ruleId, f.range.start.line]),
      [['apt-recommends-installed', 1]],
    );
  });

  it('exactly at the size limit: linted, not skipped', () => {
    const head = 'FROM debian:bookworm\nRUN apt-get update\n# ';
    const text = head + 'x'.repeat(MAX_TEXT_LENGTH - head.length);
    assert.equal(text.length, MAX_TEXT_LENGTH);
    assert.deepEqual(
      lint(text)
        .filter((f) => f.ruleId === 'apt-lists-left' || f.ruleId === 'internal-error')
        .map((f) => [f.ruleId, f.range.start.line]),
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
    const findings = lint(text);
    // apt on an image built from scratch fails the build, so the apt rules stay quiet: they too find the root
    // image 2,000 levels down.
    assertCounts(findings, { 'apt-lists-left': 0, 'apt-recommends-installed': 0, 'shell-form-command': 2000 });
    // Every stage descends from scratch, 2,000 levels down: no shell anywhere, so each CMD is an error.
    const cmds = findings.filter((f) => f.ruleId === 'shell-form-command');
    assert.equal(cmds.filter((f) => f.severity === 'error' && f.message.includes('"scratch" has no shell')).length, 2000);
    assertRangesInside(text, findings);
  });

  it('2,000 independent stages: only the last ships; fixing it keeps the 2,000 stages', () => {
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) lines.push(`FROM debian:bookworm AS s${i}`, 'RUN apt-get update && apt-get install -y curl', `COPY --from=s${Math.max(0, i - 1)} /out /out`);
    lines.push('CMD node server.js');
    const text = `${lines.join('\n')}\n`;
    const findings = lint(text);
    assertCounts(findings, { 'apt-lists-left': 1, 'apt-recommends-installed': 1, 'shell-form-command': 1 });
    assert.equal(findings.find((f) => f.ruleId === 'apt-lists-left')!.range.start.line, 5998);
    const tested = ['apt-lists-left', 'apt-recommends-installed', 'shell-form-command'];
    const fixed = fix(text, undefined, { unsafe: true });
    assert.deepEqual(fixed.applied.map((a) => a.ruleId).filter((id) => tested.includes(id)).sort(), tested);
    const splits = fixed.applied.filter((a) => /\bsplit\b/i.test(a.title)).length;
    assert.equal(buildModel(fixed.text).stages.length, 2000 + splits);
    assert.deepEqual(
      fixed.remaining.filter((f) => tested.includes(f.ruleId) || f.ruleId === 'internal-error'),
      [],
    );
  });

  it('a 2,000-stage chain where a later stage installs without updating: each update points at the next stage', () => {
    const lines = ['FROM debian:bookworm AS s0', 'RUN apt-get update'];
    for (let i = 1; i < 2000; i++) lines.push(`FROM s${i - 1} AS s${i}`, 'RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*');
    const text = `${lines.join('\n')}\n`;
    const findings = lint(text).filter((f) => f.ruleId === 'apt-lists-left' || f.ruleId === 'internal-error');
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.range.start.line, f.fixes.length]),
      [['apt-lists-left', 1, 0]],
    );
    assert.match(findings[0]!.message, /Move it into the RUN that installs \(line 4\)/);
  });
});
