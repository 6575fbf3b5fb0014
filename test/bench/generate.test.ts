import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { generateDockerfile } from '../../bench/lib/generate.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { engineReady } from '../support/engine.js';

/**
 * The scaling benchmark's generated file (bench/lib/generate.ts) must have the same structure at every length,
 * or the growth exponent compares unlike work: at 5,000 lines the cut once fell inside a RUN's continuation and
 * swallowed the final CMD, so the file was an image for others to build on and whole rules skipped it.
 */
describe('the scaling benchmark generates files alike at every length', () => {
  before(async () => {
    await engineReady;
  });

  it('every length ends with its CMD instruction, in the stages asked for', () => {
    for (const lines of [60, 200, 400, 1000, 4999, 5000, 5001, 10000, 50000]) {
      const model = buildModel(generateDockerfile(lines));
      const last = model.instructions[model.instructions.length - 1]!;
      assert.equal(last.keyword, 'CMD', `${lines} lines: last instruction ${last.keyword}`);
      // Blocks are 19 lines: five stages once there is room for a block in each.
      if (lines >= 1000) assert.equal(model.stages.length, 5, `${lines} lines`);
      assert.ok(model.stages.every((s) => s.ships), `${lines} lines: every stage ships`);
    }
  });
});
