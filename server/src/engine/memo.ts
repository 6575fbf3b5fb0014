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
 * A cache keyed by objects whose entry is kept on the key itself, in a private field of the cache's own (each
 * cache makes a class with one field, `#value`, added to a key by a constructor that returns the key): invisible
 * to `Object.keys`, symbols, JSON, spread and deep equality, never read through a prototype. It lives and dies
 * with its key, as a `WeakMap` entry does, and answers as one (`get`, `has`, `set`, `delete`; `cached` takes
 * it). Keys are never frozen. A private field cannot be removed: `delete` leaves a mark that reads as absent.
 *
 * Why not a `WeakMap`: V8's young-generation collector (the scavenger) keeps every `WeakMap` value alive, and a
 * memo whose value reaches its own key (a stage's facts that hold the stage, a model's that hold the model) keeps
 * the key alive too; so each scavenge copied, then promoted, everything memoised since the one before, the models
 * of files long finished included, until a full collection freed them. Measured on the corpus CLI run (1,072
 * files, --trace-gc-nvp, load ~9) with the model's and catalog's WeakMaps swapped for this: heap after a
 * scavenge grew ~3 MB per scavenge before, ~0.3 MB after; main-thread GC pauses 630-750 ms before, 240-310 ms
 * after; parallel-scavenge helper threads 660-740 ms before, ~70 ms after; CPU user+sys median of 7 alternating
 * runs 2.58 s before, 2.32 s after (-10 %); JSON byte-identical in English and Chinese.
 *
 * Why a private field and not a symbol property: a symbol had to be written with `Object.defineProperty` (to stay
 * out of spreads and deep equality), a call into the runtime for each of the ~4,300 entries of a 5,000-line lint,
 * 2 % of its CPU; a private field is added by an ordinary store that V8's inline caches keep fast.
 */
export class KeyedCache<K extends object, V> {
  private readonly entry = entryField();

  get(key: K): V | undefined {
    return this.entry.get(key) as V | undefined;
  }

  has(key: K): boolean {
    return this.entry.has(key);
  }

  set(key: K, value: V): this {
    this.entry.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    return this.entry.delete(key);
  }
}

/** What `delete` leaves in a key's field. */
const ABSENT: unknown = Symbol('KeyedCache.absent');

/** A class of its own, with a private field of its own, for one cache (each evaluation of a class body makes a new private name). */
function entryField() {
  /** Returns the key it is given: `new Entry(key, value)` adds the field to the key itself. */
  class Key {
    constructor(key: object) {
      return key as Key;
    }
  }
  class Entry extends Key {
    #value: unknown;

    constructor(key: object, value: unknown) {
      super(key);
      this.#value = value;
    }

    static get(key: object): unknown {
      if (!(#value in key)) return undefined;
      const value = (key as Entry).#value;
      return value === ABSENT ? undefined : value;
    }

    static has(key: object): boolean {
      return #value in key && (key as Entry).#value !== ABSENT;
    }

    static set(key: object, value: unknown): void {
      if (#value in key) (key as Entry).#value = value;
      else new Entry(key, value);
    }

    static delete(key: object): boolean {
      if (!Entry.has(key)) return false;
      (key as Entry).#value = ABSENT;
      return true;
    }
  }
  return Entry;
}
