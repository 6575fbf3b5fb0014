import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cached } from '../../server/src/engine/memo.js';

describe('cached', () => {
  it('computes a key once, null results included, and each key apart', () => {
    const calls: string[] = [];
    const cache = new Map<string, number | null>();
    const compute = (k: string): number | null => {
      calls.push(k);
      return k === 'none' ? null : k.length;
    };
    assert.equal(cached(cache, 'abc', compute), 3);
    assert.equal(cached(cache, 'abc', compute), 3);
    assert.equal(cached(cache, 'none', compute), null);
    assert.equal(cached(cache, 'none', compute), null);
    assert.equal(cached(cache, 'de', compute), 2);
    assert.deepEqual(calls, ['abc', 'none', 'de']);
  });

  it('an undefined result is computed once too', () => {
    let calls = 0;
    const cache = new Map<string, undefined>();
    const compute = (): undefined => {
      calls++;
      return undefined;
    };
    assert.equal(cached(cache, 'x', compute), undefined);
    assert.equal(cached(cache, 'x', compute), undefined);
    assert.equal(calls, 1);
  });

  it('keeps a WeakMap entry per object', () => {
    const cache = new WeakMap<object, object>();
    const a = {};
    const first = cached(cache, a, () => ({}));
    assert.equal(cached(cache, a, () => ({})), first);
    assert.notEqual(cached(cache, {}, () => ({})), first);
  });
});
