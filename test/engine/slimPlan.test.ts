import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { LineTable, slimPlan, type SlimChange } from '../../server/src/engine/index.js';
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

const brief = (changes: readonly SlimChange[]) => changes.map((c) => [c.safety, c.range.start.line, c.range.end.line, c.group ?? null]);

describe('slimPlan', () => {
  before(() => engineReady);

  it('a split plus a safe fix on a line the split moves: the safe change stays on its own, apart from the split', () => {
    const text = [
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y gcc libpq-dev && rm -rf /var/lib/apt/lists/*',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install -r requirements.txt',
      'COPY . .',
      'CMD ["gunicorn", "app:app"]',
      '',
    ].join('\n');
    const plan = slimPlan(text);
    assert.deepEqual(brief(plan.changes), [
      ['unsafe', 0, 1, 'build-in-final-stage'],
      ['unsafe', 1, 2, 'build-in-final-stage'],
      ['unsafe', 4, 4, 'build-in-final-stage'],
      ['safe', 4, 5, null],
      ['unsafe', 5, 5, 'build-in-final-stage'],
    ]);
    assert.equal(plan.changes[2]!.newText, 'RUN python -m venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\n');
    assert.equal(plan.changes[3]!.newText, 'RUN pip install --no-cache-dir -r requirements.txt\n');
    assert.equal(apply(text, plan.changes), plan.slimText);
    assert.equal(apply(text, plan.changes.filter((c) => c.safety === 'safe')), plan.safeText);
    assert.ok(plan.slimText.includes('\nFROM python:3.12-slim\n'), plan.slimText);
    // Idempotent: the slim text has nothing left to change.
    assert.deepEqual(slimPlan(plan.slimText).changes, []);
  });

  it('an unsafe fix on the very line a safe fix changed: one change for the line, to review', () => {
    const text = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n';
    const plan = slimPlan(text, { rules: { 'runs-as-root': 'off', 'unpinned-base-image': 'off', 'large-base-image': 'off' } });
    assert.deepEqual(brief(plan.changes), [['unsafe', 1, 2, null]]);
    assert.equal(plan.changes[0]!.newText, 'RUN apt-get update && apt-get install --no-install-recommends -y ca-certificates curl && rm -rf /var/lib/apt/lists/*\n');
    assert.equal(apply(text, plan.changes), plan.slimText);
    assert.equal(plan.safeText, 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n');
  });

  it('safe and unsafe fixes on different lines: each change alone, with its own safety', () => {
    const text = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nCMD node server.js\n';
    const plan = slimPlan(text, { rules: { 'runs-as-root': 'off', 'unpinned-base-image': 'off', 'large-base-image': 'off', 'apt-recommends-installed': 'off' } });
    assert.deepEqual(brief(plan.changes), [
      ['safe', 1, 2, null],
      ['unsafe', 2, 3, null],
    ]);
    assert.deepEqual(plan.changes.map((c) => c.ruleIds), [['apt-lists-left'], ['shell-form-command']]);
    assert.equal(apply(text, plan.changes), plan.slimText);
  });
});
