/** What a cache needs to be: a `Map` or a `WeakMap`. */
interface Cache<K, V> {
  has(key: K): boolean;
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/**
 * The value `compute` gives for `key`, computed the first time and then taken from `cache` (a `WeakMap` keeps it
 * as long as the key lives: a model, a stage, a parsed command). Pure helper, imports nothing; the model may use it.
 * A hit is one lookup (`has` is asked only when the value found is `undefined`, which a computed value may be).
 */
export function cached<K, V>(cache: Cache<K, V>, key: K, compute: (key: K) => V): V {
  const known = cache.get(key);
  if (known !== undefined || cache.has(key)) return known as V;
  const value = compute(key);
  cache.set(key, value);
  return value;
}
