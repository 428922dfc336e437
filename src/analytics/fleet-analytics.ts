import type { Logger } from 'pino';
import type { Reading } from '../domain/reading.js';
import type { Bin } from '../domain/registry.js';
import type { EventBus } from '../shared/event-bus.js';
import type { TelemetryStore } from '../storage/telemetry-store.js';
import type { CollectionRepo } from './collection-repo.js';
import { FillTrends, type TrendState } from './fill-trend.js';

const WARM_UP_MS = 3 * 86_400_000;

/**
 * Keeps every bin's trend current as readings are stored, and records the emptyings sensors
 * reveal as collection events.
 */
export class FleetAnalytics {
  readonly trends = new FillTrends();
  private readonly lastSeen = new Map<string, number>();

  constructor(
    private readonly deps: {
      collections: CollectionRepo;
      bus: EventBus;
      logger: Logger;
    },
  ) {}

  /** Rebuilds trends from the store after a start, so predictions survive restarts. */
  async warmUp(store: TelemetryStore, bins: Bin[], now: number): Promise<void> {
    const started = Date.now();
    for (const bin of bins) {
      const readings = await store.readings(bin.id, now - WARM_UP_MS, now + 1);
      for (const r of readings) this.observe(r, false);
    }
    this.deps.logger.info({ bins: bins.length, ms: Date.now() - started }, 'trends warmed up');
  }

  onReadings(readings: Reading[]): void {
    for (const r of readings) this.observe(r, true);
  }

  state(binId: string): TrendState | null {
    return this.trends.state(binId);
  }

  lastSeenAt(binId: string): number | null {
    return this.lastSeen.get(binId) ?? null;
  }

  private observe(reading: Reading, live: boolean): void {
    const seen = this.lastSeen.get(reading.binId) ?? 0;
    if (reading.ts > seen) this.lastSeen.set(reading.binId, reading.ts);

    const emptying = this.trends.update(reading);
    if (!emptying || !live) return;

    this.deps.collections.add({
      binId: emptying.binId,
      ts: emptying.ts,
      source: 'sensor',
      status: 'collected',
      reason: `fill fell from ${emptying.fillBeforePct} % to ${emptying.fillAfterPct} %`,
      crewId: null,
      fillBeforePct: emptying.fillBeforePct,
      clientRef: `sensor:${emptying.binId}:${emptying.ts}`,
      recordedAt: Date.now(),
    });
    this.deps.bus.emit('emptied', emptying);
  }
}
