/** What a cache needs to be: a `Map`, a `WeakMap` or a `KeyedCache`. */
interface Cache<K, V> {
  has(key: K): boolean;
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/**
 * The value `compute` gives for `key`, computed the first time and then taken from `cache` (a `KeyedCache` keeps
 * it as long as the key lives: a model, a stage, a parsed command). Pure helper, imports nothing; the model may use it.
 * A hit is one lookup (`has` is asked only when the value found is `undefined`, which a computed value may be).
 */
export function cached<K, V>(cache: Cache<K, V>, key: K, compute: (key: K) => V): V {
  const known = cache.get(key);
  if (known !== undefined || cache.has(key)) return known as V;
  const value = compute(key);
  cache.set(key, value);
  return value;
}

/**
 * A cache keyed by objects whose entry is kept on the key itself, under a symbol of the cache's own (not
 * enumerable: `Object.keys`, JSON and deep equality do not see it). It lives and dies with its key, as a `WeakMap`
 * entry does, and answers as one (`get`, `has`, `set`, `delete`; `cached` takes it). Keys are never frozen and
 * never another key's prototype.
 *
 * Why not a `WeakMap`: V8's young-generation collector (the scavenger) keeps every `WeakMap` value alive, and a
 * memo whose value reaches its own key (a stage's facts that hold the stage, a model's that hold the model) keeps
 * the key alive too; so each scavenge copied, then promoted, everything memoised since the one before, the models
 * of files long finished included, until a full collection freed them. Measured on the corpus CLI run (1,072
 * files, --trace-gc-nvp, load ~9) with the model's and catalog's WeakMaps swapped for this: heap after a
 * scavenge grew ~3 MB per scavenge before, ~0.3 MB after; main-thread GC pauses 630-750 ms before, 240-310 ms
 * after; parallel-scavenge helper threads 660-740 ms before, ~70 ms after; CPU user+sys median of 7 alternating
 * runs 2.58 s before, 2.32 s after (-10 %); JSON byte-identical in English and Chinese.
 */
/** The property descriptor `KeyedCache.set` writes every entry with (its value set for the call). */
const SLOT: PropertyDescriptor = { value: undefined, writable: true, configurable: true, enumerable: false };

export class KeyedCache<K extends object, V> {
  private readonly slot = Symbol('KeyedCache');

  get(key: K): V | undefined {
    return (key as Record<symbol, V | undefined>)[this.slot];
  }

  has(key: K): boolean {
    return Object.prototype.hasOwnProperty.call(key, this.slot);
  }

  set(key: K, value: V): this {
    // One descriptor for every entry (a new one per entry was garbage: ~4,300 entries in a 5,000-line lint).
    SLOT.value = value;
    Object.defineProperty(key, this.slot, SLOT);
    SLOT.value = undefined;
    return this;
  }

  delete(key: K): boolean {
    return this.has(key) && delete (key as Record<symbol, unknown>)[this.slot];
  }
}
