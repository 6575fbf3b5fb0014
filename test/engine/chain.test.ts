import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { firstAfterInDescendants, firstBeforeInChain, someLaterInImage, type InstTest } from '../../server/src/engine/model/chain.js';
import { buildModel, type Inst, type Stage } from '../../server/src/engine/model/model.js';
import { envAt } from '../../server/src/engine/model/timeline.js';
import { engineReady } from '../support/engine.js';

const TEXT = [
  'FROM debian AS base', // 0
  'ENV A=1', // 1
  'RUN mark one', // 2
  'ONBUILD RUN mark trigger', // 3
  'FROM base AS build', // 4
  'ENV A=2 B=3', // 5
  'RUN other', // 6
  'RUN mark two', // 7
  'FROM debian AS side', // 8
  'RUN mark side', // 9
  'FROM build', // 10
  'RUN mark three', // 11
  'CMD ["x"]', // 12
  '',
].join('\n');

const MARK: InstTest = (i, model) => i.keyword === 'RUN' && model.text.slice(i.start, i.end).includes('mark');
const lineOf = (i: Inst | null): number | null => (i ? i.range.start.line : null);

/** The model of TEXT and its instruction starting on a line (the trigger, not the ONBUILD, on line 3). */
function setup(): { model: ReturnType<typeof buildModel>; inst: (line: number) => Inst } {
  const model = buildModel(TEXT);
  return { model, inst: (line) => model.instructions.find((i) => i.range.start.line === line && i.keyword !== 'ONBUILD')! };
}

describe('chain queries', () => {
  before(() => engineReady);

  it('finds the first earlier instruction in the FROM chain, ancestors first', () => {
    const { model, inst } = setup();
    assert.equal(lineOf(firstBeforeInChain(model, inst(2), MARK)), null);
    assert.equal(lineOf(firstBeforeInChain(model, inst(6), MARK)), 2);
    assert.equal(lineOf(firstBeforeInChain(model, inst(9), MARK)), null, 'another chain');
    assert.equal(lineOf(firstBeforeInChain(model, inst(11), MARK)), 2);
  });

  it('finds the first later instruction in the stage or the stages built FROM it', () => {
    const { model, inst } = setup();
    const marked = (s: Stage): Inst[] => s.instructions.filter((i) => MARK(i, model));
    assert.equal(lineOf(firstAfterInDescendants(model, inst(2), marked)), 3, 'the ONBUILD trigger after it');
    assert.equal(lineOf(firstAfterInDescendants(model, inst(6), marked)), 7);
    assert.equal(lineOf(firstAfterInDescendants(model, inst(7), marked)), 11, 'skips the unrelated stage');
    assert.equal(lineOf(firstAfterInDescendants(model, inst(11), marked)), null);
  });

  it('tells whether something later ends up in the same image', () => {
    const { model, inst } = setup();
    const cmd: InstTest = (i) => i.keyword === 'CMD';
    assert.equal(someLaterInImage(model, inst(2), cmd), true);
    assert.equal(someLaterInImage(model, inst(9), cmd), false, 'side does not ship');
    assert.equal(someLaterInImage(model, inst(11), MARK), false);
    assert.equal(someLaterInImage(model, inst(9), MARK), false);
  });

  it('gives the environment in force at each instruction, inherited through FROM', () => {
    const { inst } = setup();
    const env = (line: number): Record<string, string> => Object.fromEntries(envAt(inst(line)));
    assert.deepEqual(env(1), {});
    assert.deepEqual(env(2), { A: '1' });
    assert.deepEqual(env(5), { A: '1' });
    assert.deepEqual(env(6), { A: '2', B: '3' });
    assert.deepEqual(env(9), {});
    assert.deepEqual(env(11), { A: '2', B: '3' });
  });
});
