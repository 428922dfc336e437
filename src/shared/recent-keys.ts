/**
 * Remembers keys for a while, in two generations: a key is forgotten between `ttlMs` and
 * 2 × `ttlMs` after it was added. Cheap duplicate suppression for redeliveries, which come
 * within seconds; the store's unique key stays the backstop.
 */
export class RecentKeys {
  private current = new Set<string>();
  private previous = new Set<string>();
  private rotatedAt: number;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.rotatedAt = now();
  }

  /** True when the key was seen recently; records it otherwise. */
  seen(key: string): boolean {
    const t = this.now();
    if (t - this.rotatedAt >= this.ttlMs) {
      this.previous = this.current;
      this.current = new Set();
      this.rotatedAt = t;
    }
    if (this.current.has(key) || this.previous.has(key)) return true;

    this.current.add(key);

    return false;
  }

  /** True when the key was seen recently; unlike `seen`, records nothing. */
  has(key: string): boolean {
    return this.current.has(key) || this.previous.has(key);
  }

  forget(key: string): void {
    this.current.delete(key);
    this.previous.delete(key);
  }
}
