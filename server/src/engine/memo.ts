/** What a cache needs to be: a `Map` or a `WeakMap`. */
interface Cache<K, V> {
  has(key: K): boolean;
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/**
 * The value `compute` gives for `key`, computed the first time and then taken from `cache` (a `WeakMap` keeps it
 * as long as the key lives: a model, a stage, a parsed command). Pure helper, imports nothing; the model may use it.
 */
export function cached<K, V>(cache: Cache<K, V>, key: K, compute: (key: K) => V): V {
  if (cache.has(key)) return cache.get(key) as V;
  const value = compute(key);
  cache.set(key, value);
  return value;
}
