import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fix, lint } from '../../server/src/engine/index.js';
import { dominantEol } from '../../server/src/engine/text.js';
import { engineReady } from '../support/engine.js';
import { checkInvariants } from '../support/invariants.js';

/** Inputs the fuzzer found (minimised), each with what broke before the fix. */
describe('regressions found by fuzzing', () => {
  before(() => engineReady);

  it('a continuation ending in a lone CR before a comment line: lint threw in dockerfile-ast (getHeredocs)', () => {
    const text = 'FROM \nRUN \\\r#t\n';
    assert.deepEqual(lint(text), []);
    assert.deepEqual(checkInvariants(text), []);
  });

  it('an unterminated quote: the apt cleanup was appended inside the quote, and fix never settled', () => {
    const text = 'FROM debian:bookworm-slim\nRUN apt-get update "\n';
    const findings = lint(text);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.fixes.length]),
      [['apt-lists-left', 0]],
    );
    assert.equal(fix(text).text, text);
    assert.deepEqual(checkInvariants(text), []);
  });

  it('a file with lone CR line breaks: a fix that adds a line used LF', () => {
    const text = `FROM debian\rRUN apt-get update && apt-get install -y --no-install-recommends ${'package '.repeat(8).trim()}`;
    const fixed = fix(text).text;
    assert.equal(fixed, `${text} \\\r    && rm -rf /var/lib/apt/lists/*`);
    assert.deepEqual(checkInvariants(text), []);
    assert.equal(dominantEol('a\rb\rc\r\n'), '\r');
    assert.equal(dominantEol('a\r\nb\r\nc\rd\n'), '\r\n');
    assert.equal(dominantEol('a\nb\rc\r'), '\r');
    assert.equal(dominantEol('abc'), '\n');
  });
});
