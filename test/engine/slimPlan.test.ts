import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { appliedChanges, lint, LineTable, savingsSummary, slimPlan, type SlimChange } from '../../server/src/engine/index.js';
import { engineReady } from '../support/engine.js';

/** Applies plan changes (ranges of the original, in document order) the way an editor does. */
function apply(text: string, changes: readonly SlimChange[]): string {
  const lines = new LineTable(text);
  let out = '';
  let at = 0;
  for (const c of changes) {
    const start = lines.offsetAt(c.range.start);
    assert.ok(start >= at, 'changes overlap or are out of order');
    out += text.slice(at, start) + c.newText;
    at = lines.offsetAt(c.range.end);
  }
  return out + text.slice(at);
}

const brief = (changes: readonly SlimChange[]) =>
  changes.map((c) => [c.group, c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character, c.newText]);

/** Every subset of the changes, as flags. */
function* subsets(n: number): Generator<boolean[]> {
  for (let m = 0; m < 1 << n; m++) yield Array.from({ length: n }, (_, i) => (m & (1 << i)) !== 0);
}

describe('slimPlan', () => {
  before(() => engineReady);

  it('a safe and an unsafe fix on the same line stay two changes: the cut is by character, not by line', () => {
    const text = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n';
    const plan = slimPlan(text, { rules: { 'runs-as-root': 'off', 'unpinned-base-image': 'off', 'large-base-image': 'off' } });
    assert.deepEqual(brief(plan.changes), [
      ['unsafe-1', 1, 37, 1, 41, ' --no-install-recommends -y ca-certificates '],
      ['safe', 1, 45, 1, 45, ' && rm -rf /var/lib/apt/lists/*'],
    ]);
    assert.deepEqual(
      plan.groups.map((g) => [g.id, g.safety, g.fixes.map((f) => f.ruleId), g.absorbedSafe, g.estimatedBytes]),
      [
        ['safe', 'safe', ['apt-lists-left'], 0, 19_860_000],
        // Estimated from Debian's package data: curl's recommends on debian:bookworm, less the ca-certificates kept.
        ['unsafe-1', 'unsafe', ['apt-recommends-installed'], 0, 1_011_712],
      ],
    );
    assert.equal(apply(text, plan.changes), plan.slimText);
    assert.equal(apply(text, plan.changes.filter((c) => c.safety === 'safe')), plan.safeText);
    assert.equal(plan.slimText, 'FROM debian:bookworm\nRUN apt-get update && apt-get install --no-install-recommends -y ca-certificates curl && rm -rf /var/lib/apt/lists/*\n');
  });

  it('a split is one change over everything it rewrites, carrying the safe fixes on its lines', () => {
    const text = [
      'FROM golang:1.25',
      'RUN apt-get update && apt-get install -y --no-install-recommends git',
      'WORKDIR /app',
      'COPY . .',
      'RUN go build -o /app/hello .',
      'CMD ["/app/hello"]',
      '',
    ].join('\n');
    const plan = slimPlan(text);
    assert.equal(plan.changes.length, 1);
    const [split] = plan.changes;
    assert.deepEqual([split!.group, split!.safety, split!.range], ['unsafe-1', 'unsafe', { start: { line: 0, character: 16 }, end: { line: 5, character: 0 } }]);
    assert.deepEqual(plan.groups.map((g) => [g.id, g.fixes.map((f) => [f.ruleId, f.safety]), g.absorbedSafe]), [
      ['unsafe-1', [['build-in-final-stage', 'unsafe'], ['apt-lists-left', 'safe'], ['go-binary-unstripped', 'safe']], 2],
    ]);
    assert.equal(
      plan.slimText,
      [
        'FROM golang:1.25 AS build',
        'RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*',
        'WORKDIR /app',
        'COPY . .',
        'RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /app/hello .',
        '',
        'FROM scratch',
        'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
        'WORKDIR /app',
        // The start directory holds the build context, so it goes whole (run-time files, issue #13).
        'COPY --from=build /app /app',
        'CMD ["/app/hello"]',
        '',
      ].join('\n'),
    );
    // The result lints without a split finding or a broken stage reference.
    assert.deepEqual(lint(plan.slimText).map((f) => f.ruleId).filter((id) => id !== 'runs-as-root'), []);
  });

  it('every subset of the changes applies to the original, and appliedChanges reads back exactly which', () => {
    const text = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nCMD node server.js\n';
    const plan = slimPlan(text);
    assert.deepEqual(plan.groups.map((g) => g.id), ['safe', 'unsafe-1', 'unsafe-2']);
    for (const flags of subsets(plan.changes.length)) {
      const after = apply(text, plan.changes.filter((_, i) => flags[i]));
      assert.deepEqual(appliedChanges(text, plan.changes, after), flags);
      assert.ok(!lint(after).some((f) => f.severity === 'error'), after);
    }
    assert.equal(appliedChanges(text, plan.changes, `${text}# edited\n`), null);
  });

  it('two unsafe fixes an editor cannot keep apart: the plan offers the bigger one alone', () => {
    // The split rewrites the stage; the --no-install-recommends fix of its apt line lies inside it.
    const text = 'FROM golang:1.25\nRUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/hello .\nCMD ["/app/hello"]\n';
    assert.deepEqual(lint(text).map((f) => f.ruleId), ['runs-as-root', 'apt-recommends-installed', 'build-in-final-stage', 'go-binary-unstripped']);
    const plan = slimPlan(text);
    assert.deepEqual(plan.groups.map((g) => g.fixes.map((f) => f.ruleId)), [['build-in-final-stage', 'go-binary-unstripped']]);
    assert.equal(plan.changes.length, 1);
    assert.ok(plan.slimText.includes('apt-get install -y git &&'), 'the smaller fix is not applied with the split');
  });

  it('an estimated one-line fix inside a split: the split\'s own estimate counts the install it leaves behind, and the split is offered', () => {
    const text = [
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y gcc libpq-dev && rm -rf /var/lib/apt/lists/*',
      'WORKDIR /app',
      'COPY . .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'CMD ["gunicorn", "app:app"]',
      '',
    ].join('\n');
    const findings = lint(text);
    const recommends = findings.find((f) => f.ruleId === 'apt-recommends-installed');
    assert.ok(recommends?.fixes[0]?.title.includes('est.)'), 'the --no-install-recommends fix carries an estimate');
    // python:3.12-slim stays the runtime image: the split's figure is the gcc/libpq-dev install left behind,
    // less libpq5 in the runtime stage and the new virtualenv.
    const split = findings.find((f) => f.ruleId === 'build-in-final-stage');
    assert.ok(split?.estimate && split.estimate.bytes > 0, 'the split finding carries its estimate');
    assert.ok(split.estimate.parts?.some((p) => p.id.startsWith('apt-install@')), 'the install left behind is one of its parts');
    const plan = slimPlan(text);
    assert.deepEqual(plan.groups.map((g) => g.fixes.filter((f) => f.safety === 'unsafe').map((f) => f.ruleId)), [['build-in-final-stage']]);
  });

  it('the savings summary classifies by the fix each finding really gets, and counts what is not estimated', () => {
    const text = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nCMD node server.js\n';
    assert.deepEqual(savingsSummary(slimPlan(text)), {
      safe: { bytes: 19_860_000, count: 1, estimated: 1 },
      // --no-install-recommends is estimated (curl's recommends less the ca-certificates it keeps); exec form is not.
      unsafe: { bytes: 661_504, count: 2, estimated: 1 },
      manual: { bytes: 0, count: 1, estimated: 0 },
    });
  });
});
