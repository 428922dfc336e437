/**
 * Collects items from many callers and writes them together: one durable write (one fsync)
 * serves a whole batch, which is what lets QoS 1 acknowledgements wait for durability without
 * losing throughput. A batch is written when it reaches `maxSize` or after `maxWaitMs`,
 * whichever comes first; only one write runs at a time, the next batch fills meanwhile.
 */
export class GroupCommit<T, R = void> {
  private pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private writing: Promise<void> | null = null;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]> | R[],
    private readonly maxSize: number,
    private readonly maxWaitMs: number,
  ) {}

  get queued(): number {
    return this.pending.length;
  }

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.maxSize) this.kick();
      else if (this.writing === null) this.timer ??= setTimeout(() => this.kick(), this.maxWaitMs);
    });
  }

  /** Writes everything queued so far; resolves when it is written. */
  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.writing) {
      this.kick();
      await this.writing;
    }
  }

  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.immediate) {
      clearImmediate(this.immediate);
      this.immediate = null;
    }
    if (this.writing || this.pending.length === 0) return;

    const batch = this.pending.splice(0, this.maxSize);
    this.writing = this.run(batch).finally(() => {
      this.writing = null;
      if (this.pending.length >= this.maxSize) this.kick();
      // What queued during the write has waited long enough: write it once the input already
      // read in this turn of the event loop has joined it. A timer would idle the writer for
      // at least a millisecond per batch.
      else if (this.pending.length > 0) this.immediate ??= setImmediate(() => this.kick());
    });
  }

  private async run(batch: typeof this.pending): Promise<void> {
    try {
      const results = await this.write(batch.map((b) => b.item));
      batch.forEach((b, i) => {
        b.resolve(results[i] as R);
      });
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }
}
