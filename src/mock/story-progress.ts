/**
 * How far each story progression (operation, ids, story) has got: the mock's only state per id. It never forgets
 * one, since a forgotten story would start over on its next request, silently. Bounded instead in how many it
 * holds and in the characters of their keys (which hold the ids): when a new one would pass either bound,
 * `advance` refuses it, and the mock answers that request with a 503 and a violation.
 */
export class StoryProgress {
  readonly #steps = new Map<string, number>();
  #keyChars = 0;

  constructor(
    readonly capacity: number,
    readonly maxKeyChars = Number.POSITIVE_INFINITY,
  ) {
    checkCapacity(capacity);
  }

  get size(): number {
    return this.#steps.size;
  }

  /** The index of the story's step for this request (0 first), counted; undefined when a new key does not fit. */
  advance(key: string): number | undefined {
    const index = this.#steps.get(key);
    if (index === undefined) {
      if (this.#steps.size >= this.capacity || this.#keyChars + key.length > this.maxKeyChars) return undefined;
      this.#keyChars += key.length;
    }
    this.#steps.set(key, (index ?? 0) + 1);
    return index ?? 0;
  }

  clear(): void {
    this.#steps.clear();
    this.#keyChars = 0;
  }
}

/**
 * The story each started operation plays, by its key: kept, like progress, until `clear`, never forgotten (a
 * forgotten one would answer 404 to its own Location). `add` refuses a new key past either bound.
 */
export class StartedStories<V> {
  readonly #stories = new Map<string, V>();
  #keyChars = 0;

  constructor(
    readonly capacity: number,
    readonly maxKeyChars = Number.POSITIVE_INFINITY,
  ) {
    checkCapacity(capacity);
  }

  get(key: string): V | undefined {
    return this.#stories.get(key);
  }

  /** Whether the key was added (or was there already). */
  add(key: string, value: V): boolean {
    if (!this.#stories.has(key)) {
      if (this.#stories.size >= this.capacity || this.#keyChars + key.length > this.maxKeyChars) return false;
      this.#keyChars += key.length;
    }
    this.#stories.set(key, value);
    return true;
  }

  clear(): void {
    this.#stories.clear();
    this.#keyChars = 0;
  }
}

/** A store's bound must be a whole number of entries: NaN or 0.5 would compare false and hold nothing, or all. */
function checkCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be a positive integer");
}
