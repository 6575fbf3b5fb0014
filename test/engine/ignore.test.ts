import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { collectIgnores, ignoreListEnd } from '../../server/src/engine/ignore.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { engineReady } from '../support/engine.js';

describe('ignore comments: one grammar for reading them and for adding an id', () => {
  before(() => engineReady);

  // [comment line, where its id list ends (null: not a local dockerfile-slim ignore comment)]
  const cases: [string, number | null][] = [
    ['# dockerfile-slim ignore=a', 26],
    ['  # dockerfile-slim ignore=a,b', 30],
    ['#dockerfile-slim   ignore = a , b   ', 33],
    ['# dockerfile-slim ignore=a,b # why', 28],
    ['\t# dockerfile-slim ignore=apt-lists-left', 40],
    ['# dockerfile-slim global ignore=a', null],
    ['# hadolint ignore=DL3009', null],
    ['# dockerfile-slim ignore=', null],
    ['# just a comment', null],
    ['RUN true', null],
  ];

  for (const [line, end] of cases) {
    it(`${JSON.stringify(line)} → ${end}`, () => {
      assert.equal(ignoreListEnd(line), end);
      if (end === null) return;
      // Adding `,c` where the list ends makes the engine read the new id for the instruction below, and
      // keeps the ids it read before.
      const ids = (comment: string): string[] => [...(collectIgnores(buildModel(`FROM scratch\n${comment}\nRUN true\n`)).byLine.get(2) ?? [])].sort();
      const before = ids(line);
      const after = ids(`${line.slice(0, end)},c${line.slice(end)}`);
      assert.deepEqual(after, [...before, 'c'].sort());
    });
  }
});
