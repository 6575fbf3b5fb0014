import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { applyFixes } from '../../server/src/engine/fixer.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { planSplit } from '../../server/src/engine/split/split.js';
import { engineReady } from '../support/engine.js';

/**
 * bench/split-classes builds each case's `Dockerfile.split` and records in RESULTS.md that it builds and runs.
 * The committed file must be what the split writes today, or the results speak of a Dockerfile the product no
 * longer offers (cov-rust-install's lagged behind the Rust context copy for a week): when this fails, run
 * `npm run bench:split-classes -- <case>` and update its row.
 */
describe('bench/split-classes: each committed Dockerfile.split is what the split writes today', () => {
  before(() => engineReady);
  const dir = join(__dirname, '..', '..', 'bench', 'split-classes');
  const cases = readdirSync(dir).filter((c) => existsSync(join(dir, c, 'Dockerfile')));
  it('has cases', () => assert.ok(cases.length >= 7, cases.join(', ')));
  for (const c of cases) {
    it(c, () => {
      const input = readFileSync(join(dir, c, 'Dockerfile'), 'utf8');
      const plan = planSplit(buildModel(input));
      assert.ok(!('reason' in plan), `refused: ${'reason' in plan ? plan.reason : ''}`);
      assert.equal(applyFixes(input, [plan.fix]).text, readFileSync(join(dir, c, 'Dockerfile.split'), 'utf8'));
    });
  }
});
