/**
 * A Map that keeps at most `capacity` entries, and keys of at most `maxKeyChars` characters in all,
 * forgetting the least recently used entry first: the mock's story progress is per id, and a
 * long-running server must not grow with every id, nor with ids of kilobytes.
 */
export class BoundedMap<K extends string, V> {
  readonly #entries = new Map<K, V>();
  #keyChars = 0;

  constructor(
    readonly capacity: number,
    readonly maxKeyChars = Number.POSITIVE_INFINITY,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be a positive integer");
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value, now the most recently used. */
  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key) as V;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.#delete(key);
    this.#entries.set(key, value);
    this.#keyChars += key.length;
    // A Map iterates in insertion order, so its first key is the least recently used. The newest stays.
    while (this.#entries.size > 1 && (this.#entries.size > this.capacity || this.#keyChars > this.maxKeyChars))
      this.#delete(this.#entries.keys().next().value as K);
  }

  clear(): void {
    this.#entries.clear();
    this.#keyChars = 0;
  }

  #delete(key: K): void {
    if (this.#entries.delete(key)) this.#keyChars -= key.length;
  }
}
