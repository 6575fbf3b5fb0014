import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { allRules, applyFixes, fix, lint } from '../../server/src/engine/index.js';
import { LineTable, dominantEol } from '../../server/src/engine/text.js';
import { engineReady } from '../support/engine.js';
import { checkInvariants } from '../support/invariants.js';

const only = (id: string) => allRules.filter((r) => r.meta.id === id);

/** Inputs the fuzzer found (minimised), each with what broke before the fix. */
describe('regressions found by fuzzing', () => {
  before(() => engineReady);

  it('a continuation ending in a lone CR before a comment line: lint threw in dockerfile-ast (getHeredocs)', () => {
    const text = 'FROM \nRUN \\\r#t\n';
    assert.deepEqual(lint(text).filter((f) => f.ruleId === 'internal-error'), []);
    assert.deepEqual(checkInvariants(text), []);
  });

  it('an unterminated quote: the apt cleanup was appended inside the quote, and fix never settled', () => {
    const text = 'FROM debian\nRUN apt-get update "\n';
    const aptLists = allRules.filter((r) => r.meta.id === 'apt-lists-left');
    assert.deepEqual(
      lint(text, undefined, aptLists).map((f) => [f.ruleId, f.fixes.length]),
      [['apt-lists-left', 0]],
    );
    assert.equal(fix(text, undefined, { rules: aptLists }).text, text);
    assert.deepEqual(checkInvariants(text), []);
  });

  it('a file with lone CR line breaks: a fix that adds a line used LF', () => {
    const text = `FROM debian\rRUN apt-get update && apt-get install -y --no-install-recommends ${'package '.repeat(8).trim()}`;
    const fixed = fix(text, undefined, { rules: allRules.filter((r) => r.meta.id === 'apt-lists-left') }).text;
    assert.equal(fixed, `${text} \\\r    && rm -rf /var/lib/apt/lists/*`);
    assert.deepEqual(checkInvariants(text), []);
    assert.equal(dominantEol('a\rb\rc\r\n'), '\r');
    assert.equal(dominantEol('a\r\nb\r\nc\rd\n'), '\r\n');
    assert.equal(dominantEol('a\nb\rc\r'), '\r');
    assert.equal(dominantEol('abc'), '\n');
    // Read from the line table's starts (as the model does), the same answers.
    for (const t of ['a\rb\rc\r\n', 'a\r\nb\r\nc\rd\n', 'a\nb\rc\r', 'abc', '', '\r\r\n\n', '\n\r', 'a\r\r\nb\r\n\r\n\rc']) {
      assert.equal(dominantEol(t, new LineTable(t)), dominantEol(t), JSON.stringify(t));
    }
  });

  it('the cleanup moved into the RUN before it, when the later RUN is the last line: two edits at one offset, so the fix could not apply', () => {
    const text = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN rm -rf /var/lib/apt/lists/*';
    const findings = lint(text, undefined, only('cleanup-in-later-layer'));
    assert.deepEqual(
      findings.flatMap((f) => f.fixes.map((x) => x.edits.length)),
      [1],
    );
    assert.deepEqual(applyFixes(text, findings[0]!.fixes), {
      text: 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
      taken: [0],
    });
    assert.deepEqual(checkInvariants(text), []);
  });

  it('the stage split in a file with lone CR line breaks: a moved line ending in CR got a LF added', () => {
    // Mostly LF, one lone CR: the LABEL moves to the runtime stage with its CR.
    const text = 'FROM node:20\nCOPY . .\nLABEL a=b\rRUN npm ci && npm run build\nCMD ["node", "dist/server.js"]\n';
    const fixed = fix(text, undefined, { unsafe: true, rules: only('build-in-final-stage') }).text;
    assert.ok(!fixed.includes('\r\n'), JSON.stringify(fixed));
    assert.deepEqual(checkInvariants(text), []);
  });

  it('the stage split with a heredoc that has no end marker: the new stage went into the heredoc', () => {
    const text = 'FROM node:20\nRUN npm ci && npm run build\nCMD ["node", "dist/server.js"]\nRUN <<EOF\necho hi\n';
    const findings = lint(text, undefined, only('build-in-final-stage'));
    assert.deepEqual(
      findings.map((f) => f.fixes.length),
      [0],
    );
    assert.match(findings[0]!.message, /No automatic split: a heredoc has no end marker/);
    assert.deepEqual(checkInvariants(text), []);
  });

  it('naming a stage referred to by index is not a split: the stage count must stay the same', () => {
    assert.deepEqual(checkInvariants('FROM scratch\nFROM debian:bookworm\nCOPY --from=0 . /app'), []);
  });

  it('an edit starting with LF right after a lone CR: the two fused into a CRLF (the split, in a file mixing LF and CR)', () => {
    // The program is named by a path in the build directory: a program started by name whose path is not
    // known gets no split (no placeholders), and this case needs one.
    const text = 'FROM alpine:latest\nRUN s&apk add make&(p&make)\\\t&\rs\nCMD ./a';
    const fixed = fix(text, undefined, { unsafe: true, rules: only('build-in-final-stage') }).text;
    assert.ok(!fixed.includes('\r\n'), JSON.stringify(fixed));
    assert.ok(fixed.includes('&\r\rFROM alpine:latest\n'), JSON.stringify(fixed));
    assert.deepEqual(checkInvariants(text), []);
  });

  it('a WORKDIR with a blank: copy-from-relative-path wrote the path unquoted, and fix never settled', () => {
    const text = 'FROM node:3 AS builder\nWORKDIR package .\nFROM \nCOPY --from=builder r r';
    assert.deepEqual(
      lint(text, undefined, only('copy-from-relative-path')).map((f) => [f.ruleId, f.fixes.length]),
      [['copy-from-relative-path', 0]],
    );
    assert.deepEqual(checkInvariants(text), []);
  });
});
