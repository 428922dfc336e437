/** A binary min-heap ordered by a numeric key: merges many per-device streams by time. */
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly key: (item: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    this.items.push(item);
    this.siftUp(this.items.length - 1);
  }

  pop(): T | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (this.items.length > 0 && last !== undefined) {
      this.items[0] = last;
      this.siftDown(0);
    }

    return top;
  }

  /** Call after the top item's key grew: cheaper than pop + push. */
  topKeyIncreased(): void {
    this.siftDown(0);
  }

  private siftUp(index: number): void {
    const item = this.items[index]!;
    const itemKey = this.key(item);
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.key(this.items[parent]!) <= itemKey) break;
      this.items[i] = this.items[parent]!;
      i = parent;
    }
    this.items[i] = item;
  }

  private siftDown(index: number): void {
    const n = this.items.length;
    const item = this.items[index]!;
    const itemKey = this.key(item);
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child =
        right < n && this.key(this.items[right]!) < this.key(this.items[left]!) ? right : left;
      if (this.key(this.items[child]!) >= itemKey) break;
      this.items[i] = this.items[child]!;
      i = child;
    }
    this.items[i] = item;
  }
}
