import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { clearShellCache, fitShellCache, parseShell, parseShellAt, parseShellTree } from '../../server/src/engine/model/shell.js';
import { shiftScript } from '../../server/src/engine/model/shellText.js';
import { engineReady } from '../support/engine.js';

const bodies = (n: number): string[] => Array.from({ length: n }, (_, i) => `apt-get install -y pkg${i}`);

describe('shell parse cache', () => {
  before(() => engineReady);

  it('returns the cached script for a text parsed before', () => {
    clearShellCache();
    const first = parseShell('echo one && echo two');
    assert.equal(parseShell('echo one && echo two'), first);
    clearShellCache();
    assert.notEqual(parseShell('echo one && echo two'), first);
  });

  it('keeps every script of a document with more RUNs than the default limit', () => {
    clearShellCache();
    fitShellCache(4500);
    const texts = bodies(4500);
    const scripts = texts.map((t) => parseShell(t));
    assert.equal(parseShell(texts[0]!), scripts[0]);
    // Back to the default limit (4000): the least recently used are dropped.
    fitShellCache(10);
    parseShell('echo new');
    assert.notEqual(parseShell(texts[1]!), scripts[1]);
    assert.equal(parseShell(texts[4499]!), scripts[4499]);
    clearShellCache();
  });

  it('parses at a document offset as a moved copy would, whether the text was parsed before or not', () => {
    // Commands in a subshell share its range, nested commands, bare assignments, comments: each offset moved once.
    const texts = ['apt-get update && (cd /x && make) && X=1 && echo "$(id -u)" # done', 'FOO=bar sudo -u me env A=1 pip install a b', 'if true; then (a; b); fi', '(A=1; unset B; c $(d)) && (e; (f))', 'f() { (a; b); }; X=1; cat <<EOF\nx\nEOF'];
    for (const text of texts) {
      const at = (base: number) => shiftScript(parseShellTree(text), base);
      clearShellCache();
      assert.deepEqual(parseShellAt(text, 40), at(40)); // first parse: moved in place
      assert.deepEqual(parseShellAt(text, 40), at(40));
      assert.equal(parseShellAt(text, 40), parseShellAt(text, 40));
      assert.deepEqual(parseShellAt(text, 7), at(7)); // another place: a moved copy
      assert.deepEqual(parseShell(text), parseShellTree(text));
      assert.equal(parseShell(text), parseShell(text));
      assert.deepEqual(parseShellAt(text, 40), at(40)); // the copies did not move the cached script
      clearShellCache();
      assert.deepEqual(parseShell(text), parseShellTree(text));
      assert.deepEqual(parseShellAt(text, 12), at(12));
    }
  });
});
