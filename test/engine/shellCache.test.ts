import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { clearShellCache, fitShellCache, parseShell } from '../../server/src/engine/model/shell.js';
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
});
