import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildModel } from '../../server/src/engine/model/model.js';
import { runsAsRoot } from '../../server/src/engine/model/runUser.js';
import { engineReady } from '../support/engine.js';

/** runsAsRoot for each RUN of the text, in order (ONBUILD triggers too). */
function rootness(text: string): (boolean | null)[] {
  const model = buildModel(text);
  return model.instructions.filter((i) => i.keyword === 'RUN').map((i) => runsAsRoot(i));
}

describe('runsAsRoot', () => {
  before(() => engineReady);

  it('the last USER before the RUN in its stage decides, whatever comes after it', () => {
    assert.deepEqual(rootness('FROM debian:bookworm\nRUN a\nUSER app\nRUN b\nUSER root\nRUN c\nUSER 0\nUSER app:app\nRUN d\n'), [true, false, true, false]);
  });

  it('else the last USER of the stages it builds FROM, the nearest first', () => {
    const text = 'FROM debian:bookworm AS a\nUSER app\nRUN a\nFROM a AS b\nRUN b\nFROM b AS c\nUSER root\nFROM c\nRUN d\nFROM debian:bookworm\nRUN e\n';
    assert.deepEqual(rootness(text), [false, false, true, true]);
  });

  it('ONBUILD USER does not count for the stage, only for the triggers after it; a USER with a variable cannot be told', () => {
    // The triggers run in order in the image built FROM this one: ONBUILD RUN c runs after ONBUILD USER app.
    assert.deepEqual(rootness('FROM debian:bookworm\nONBUILD USER app\nRUN a\nUSER $U\nRUN b\nONBUILD RUN c\n'), [true, null, false]);
  });

  it('without USER, what the image defaults to (unknown images cannot be told)', () => {
    assert.deepEqual(rootness('FROM gcr.io/distroless/static-debian12:nonroot\nRUN a\nFROM example.com/unknown:1\nRUN b\n'), [false, null]);
  });

  it('a long chain: 2,000 RUNs, each after its own USER or, in the last stage, after the chain\'s last one', () => {
    let text = 'FROM debian:bookworm AS s0\n';
    for (let s = 1; s < 4; s++) {
      for (let k = 0; k < 500; k++) text += `USER u${k}\nRUN a${k}\n`;
      text += `FROM s${s - 1} AS s${s}\n`;
    }
    for (let k = 0; k < 500; k++) text += `RUN b${k}\n`;
    text = text.replace('USER u499\nRUN a499\nFROM s2', 'USER root\nRUN a499\nFROM s2');
    const answers = rootness(text);
    assert.equal(answers.length, 2000);
    // s2's last USER is root: its last RUN (1499) and every RUN of s3, which has no USER of its own, run as root.
    assert.deepEqual(answers.map((a, i) => (a ? i : -1)).filter((i) => i >= 0), Array.from({ length: 501 }, (_v, k) => 1499 + k));
  });
});
