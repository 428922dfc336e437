import { readJson, writeJson } from './store.js';

/** A crew's confirmation of one stop, with the moment it was made on the phone. */
export interface Confirmation {
  clientRef: string;
  crewId: string;
  binId: string;
  status: 'collected' | 'not-collected';
  reason?: string;
  note?: string;
  /** ISO time of the tap: the true time, whenever the server hears of it. */
  at: string;
}

/** What one delivery attempt told us. */
export type Delivery =
  | { kind: 'sent' }
  | { kind: 'retry' }
  | { kind: 'refused'; message: string }
  | { kind: 'signed-out' };

export type QueueEvent = { confirmation: Confirmation; delivery: Delivery };

/**
 * Confirmations waiting for the network, oldest first, kept in localStorage so a closed tab or a
 * flat battery loses nothing. Delivery is at least once; the server stores a clientRef once, so
 * the crew's confirmation counts exactly once.
 */
export class ConfirmationQueue {
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly key: string,
    private readonly deliver: (c: Confirmation) => Promise<Delivery>,
    private readonly onDelivery: (event: QueueEvent) => void,
  ) {}

  items(): Confirmation[] {
    return readJson<Confirmation[]>(this.key, []);
  }

  /**
   * Queues a confirmation. One still waiting for the same stop is a mark the crew changed
   * before it left the phone: it is dropped, so the server hears only the latest mark. (One
   * already in flight may still arrive; the later mark then follows it with its own later
   * time, and each clientRef is still stored once.)
   */
  add(confirmation: Confirmation): void {
    const others = this.items().filter(
      (c) => c.binId !== confirmation.binId || c.crewId !== confirmation.crewId,
    );
    writeJson(this.key, [...others, confirmation]);
  }

  /** Sends what waits, in order; stops at the first failure that a retry may cure. */
  flush(): Promise<void> {
    // One flush at a time: an 'online' event and a timer firing together send nothing twice.
    this.flushing ??= this.run().finally(() => {
      this.flushing = null;
    });

    return this.flushing;
  }

  private async run(): Promise<void> {
    for (;;) {
      const next = this.items()[0];
      if (!next) return;

      const delivery = await this.deliver(next);
      if (delivery.kind === 'retry' || delivery.kind === 'signed-out') {
        this.onDelivery({ confirmation: next, delivery });
        return;
      }

      writeJson(
        this.key,
        this.items().filter((c) => c.clientRef !== next.clientRef),
      );
      this.onDelivery({ confirmation: next, delivery });
    }
  }
}
