import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cached, KeyedCache } from '../../server/src/engine/memo.js';

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

describe('KeyedCache (an entry kept on its key)', () => {
  it('answers as a WeakMap: get, has, set, delete, undefined values, two caches on one key apart', () => {
    const a = new KeyedCache<object, number | undefined>();
    const b = new KeyedCache<object, string>();
    const key = { x: 1 };
    const other = Object.create(key) as object;
    assert.equal(a.get(key), undefined);
    assert.equal(a.has(key), false);
    assert.equal(a.set(key, 1), a);
    assert.equal(a.get(key), 1);
    b.set(key, 'b');
    assert.deepEqual([a.get(key), b.get(key), a.has(key), b.has(key)], [1, 'b', true, true]);
    a.set(key, undefined);
    assert.deepEqual([a.get(key), a.has(key)], [undefined, true]);
    assert.equal(a.has(other), false);
    assert.equal(a.delete(key), true);
    assert.equal(a.delete(key), false);
    assert.deepEqual([a.get(key), a.has(key), b.get(key)], [undefined, false, 'b']);
    let calls = 0;
    const first = cached(a, other, () => ++calls);
    assert.deepEqual([first, cached(a, other, () => ++calls), calls], [1, 1, 1]);
  });

  it('is invisible on the key: keys, JSON, spread and deep equality see the object as it was', () => {
    const cache = new KeyedCache<object, object>();
    const key = { name: 'stage', n: [1, 2] };
    cache.set(key, { big: key });
    assert.deepEqual(Object.keys(key), ['name', 'n']);
    assert.equal(JSON.stringify(key), '{"name":"stage","n":[1,2]}');
    assert.deepStrictEqual(key, { name: 'stage', n: [1, 2] });
    assert.deepStrictEqual({ ...key }, { name: 'stage', n: [1, 2] });
  });
});
