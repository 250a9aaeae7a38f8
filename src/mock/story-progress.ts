/**
 * A map that never forgets a key until `clear` (a forgotten story would start over on its next request, or
 * answer 404 to its own Location, silently), bounded instead in how many keys it holds and in their
 * characters (which hold the ids): `add` refuses a new key past either bound, and the mock answers that
 * request with a 503 and a violation. The store of started operations' stories.
 */
export class BoundedStore<V> {
  readonly #entries = new Map<string, V>();
  #keyChars = 0;

  constructor(
    readonly capacity: number,
    readonly maxKeyChars = Number.POSITIVE_INFINITY,
  ) {
    checkCapacity(capacity);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    return this.#entries.get(key);
  }

  /** Whether the key was set (it was there already, or a new one fits). */
  add(key: string, value: V): boolean {
    if (!this.#entries.has(key)) {
      if (this.#entries.size >= this.capacity || this.#keyChars + key.length > this.maxKeyChars) return false;
      this.#keyChars += key.length;
    }
    this.#entries.set(key, value);
    return true;
  }

  clear(): void {
    this.#entries.clear();
    this.#keyChars = 0;
  }
}

/** How far each story progression (operation, ids, story) has got: the mock's only state per id. */
export class StoryProgress extends BoundedStore<number> {
  /** The index of the story's step for this request (0 first), counted; undefined when a new key does not fit. */
  advance(key: string): number | undefined {
    const index = this.get(key) ?? 0;
    return this.add(key, index + 1) ? index : undefined;
  }
}

/** A store's bound must be a whole number of entries: NaN or 0.5 would compare false and hold nothing, or all. */
function checkCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be a positive integer");
}
