import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { lint, plainMessage } from '../../server/src/engine/index.js';
import { engineReady } from '../support/engine.js';

describe('plainMessage: messages for places that show text as it is', () => {
  before(() => engineReady);

  it('turns code spans into quotes, single quotes when the span holds a double quote', () => {
    assert.equal(plainMessage('`apt-get update` leaves /var/lib/apt/lists'), '"apt-get update" leaves /var/lib/apt/lists');
    assert.equal(plainMessage('runs `sh -c "x"` here'), `runs 'sh -c "x"' here`);
    assert.equal(plainMessage('no spans, a lone ` stays'), 'no spans, a lone ` stays');
    assert.equal(plainMessage('two `a` and `b`'), 'two "a" and "b"');
    assert.equal(plainMessage('``'), '``');
  });

  it('leaves no backtick in any message of a file that triggers many rules', () => {
    const text = 'FROM python:3.12\nRUN apt-get update && apt-get install -y gcc\nRUN pip install flask\nCOPY . /app\nCMD python app.py\n';
    const messages = lint(text).map((f) => plainMessage(f.message));
    assert.ok(messages.length >= 4);
    for (const m of messages) assert.ok(!m.includes('`'), m);
  });
});
