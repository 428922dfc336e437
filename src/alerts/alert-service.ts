import type { Logger } from 'pino';
import type { FleetAnalytics } from '../analytics/fleet-analytics.js';
import type { Reading } from '../domain/reading.js';
import type { Bin } from '../domain/registry.js';
import type { EventBus } from '../shared/event-bus.js';
import type { Alert, AlertChange, AlertRepo, AlertUpdate } from './alert-repo.js';
import {
  type AlertKind,
  type AlertThresholds,
  type Condition,
  evaluateReading,
  evaluateSilence,
  SYSTEM_ALERT_BIN,
} from './alert-rules.js';

export interface AlertServiceDeps {
  repo: AlertRepo;
  analytics: FleetAnalytics;
  bins: () => Map<string, Bin>;
  thresholds: AlertThresholds & { silentFactor: number };
  bus: EventBus;
  logger: Logger;
  /** When monitoring began: a device that never reported is silent counted from here. */
  startedAt: number;
}

type PendingUpdate = Omit<AlertUpdate, 'current'>;

/** Turns rule conclusions into stored alerts, one open alert per bin and kind. */
export class AlertService {
  private readonly open = new Map<string, Map<AlertKind, Alert>>();
  /**
   * Measurement time of the reading that last decided each bin's alerts. A reading delayed in
   * a device's queue or a gateway arrives after newer ones; judged on arrival it would raise
   * (or clear) alerts from a state the bin has already left.
   */
  private readonly decidedAt = new Map<string, number>();

  constructor(private readonly deps: AlertServiceDeps) {
    for (const alert of deps.repo.active()) this.forBin(alert.binId).set(alert.kind, alert);
    // The trends were warmed up from the store, so after a restart the newest stored reading
    // still outranks a late one.
    for (const bin of deps.bins().values()) {
      const seen = deps.analytics.lastSeenAt(bin.id);
      if (seen !== null) this.decidedAt.set(bin.id, seen);
    }
  }

  onReadings(readings: Reading[]): void {
    const bins = this.deps.bins();
    // Only the newest reading of each bin decides its alerts: newest in the batch, and not
    // older than the one that decided them last.
    const newest = new Map<string, Reading>();
    for (const r of readings) {
      const seen = newest.get(r.binId);
      if (seen ? r.ts < seen.ts : r.ts < (this.decidedAt.get(r.binId) ?? -Infinity)) continue;
      newest.set(r.binId, r);
    }

    const updates: PendingUpdate[] = [];
    for (const reading of newest.values()) {
      const bin = bins.get(reading.binId);
      if (!bin) continue;

      this.decidedAt.set(bin.id, reading.ts);
      const current = this.forBin(bin.id);
      const conditions = evaluateReading(
        bin,
        reading,
        this.deps.analytics.state(bin.id),
        this.deps.thresholds,
        (kind) => current.has(kind),
      );
      // A reading proves the device is alive.
      conditions.push({
        kind: 'silent',
        active: false,
        severity: 'warning',
        message: '',
        value: null,
      });
      updates.push({ binId: bin.id, deviceId: reading.deviceId, conditions, now: reading.ts });
    }
    this.applyAll(updates);
  }

  /** The periodic sweep: devices that stopped reporting (or never did). */
  sweep(now: number): number {
    const updates: PendingUpdate[] = [];
    for (const bin of this.deps.bins().values()) {
      if (!bin.enabled) continue;
      const condition = evaluateSilence(
        bin,
        this.deps.analytics.lastSeenAt(bin.id),
        this.deps.startedAt,
        now,
        this.deps.thresholds.silentFactor,
      );
      updates.push({ binId: bin.id, deviceId: null, conditions: [condition], now });
    }

    return this.applyAll(updates);
  }

  /** Raises or clears an alert about the service itself (see SYSTEM_ALERT_BIN). */
  system(condition: Condition, now: number): number {
    return this.applyAll([
      { binId: SYSTEM_ALERT_BIN, deviceId: null, conditions: [condition], now },
    ]);
  }

  acknowledge(id: number, by: string, now: number): Alert | null {
    const alert = this.deps.repo.acknowledge(id, by, now);
    if (alert) {
      this.forBin(alert.binId).set(alert.kind, alert);
      this.deps.bus.emit('alert', { type: 'acknowledged', alert });
    }

    return alert;
  }

  /**
   * Stores the state changes among the conclusions, for all bins in one transaction, then
   * updates the cache and announces them. Most readings confirm what is known and write
   * nothing; each transaction costs an fsync on the ingest path.
   */
  private applyAll(updates: readonly PendingUpdate[]): number {
    const relevant: AlertUpdate[] = [];
    for (const update of updates) {
      const current = this.forBin(update.binId);
      const conditions = update.conditions.filter((c) => {
        const existing = current.get(c.kind);

        return existing ? !c.active || existing.severity !== c.severity : c.active;
      });
      if (conditions.length > 0) relevant.push({ ...update, conditions, current });
    }
    if (relevant.length === 0) return 0;

    const changes = this.deps.repo.applyAll(relevant);
    for (const change of changes) this.track(change);

    return changes.length;
  }

  private track(change: AlertChange): void {
    const current = this.forBin(change.alert.binId);
    if (change.type === 'resolved') current.delete(change.alert.kind);
    else current.set(change.alert.kind, change.alert);

    this.deps.logger.info(
      { binId: change.alert.binId, kind: change.alert.kind, change: change.type },
      'alert changed',
    );
    this.deps.bus.emit('alert', change);
  }

  private forBin(binId: string): Map<AlertKind, Alert> {
    let current = this.open.get(binId);
    if (!current) {
      current = new Map();
      this.open.set(binId, current);
    }

    return current;
  }
}
