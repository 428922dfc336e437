import type { Logger } from 'pino';
import type { FleetAnalytics } from '../analytics/fleet-analytics.js';
import type { Reading } from '../domain/reading.js';
import type { Bin } from '../domain/registry.js';
import type { EventBus } from '../shared/event-bus.js';
import type { Alert, AlertChange, AlertRepo } from './alert-repo.js';
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
      this.apply(bin.id, reading.deviceId, conditions, reading.ts);
    }
  }

  /** The periodic sweep: devices that stopped reporting (or never did). */
  sweep(now: number): number {
    let changed = 0;
    for (const bin of this.deps.bins().values()) {
      if (!bin.enabled) continue;
      const condition = evaluateSilence(
        bin,
        this.deps.analytics.lastSeenAt(bin.id),
        this.deps.startedAt,
        now,
        this.deps.thresholds.silentFactor,
      );
      changed += this.apply(bin.id, null, [condition], now);
    }

    return changed;
  }

  /** Raises or clears an alert about the service itself (see SYSTEM_ALERT_BIN). */
  system(condition: Condition, now: number): number {
    return this.apply(SYSTEM_ALERT_BIN, null, [condition], now);
  }

  acknowledge(id: number, by: string, now: number): Alert | null {
    const alert = this.deps.repo.acknowledge(id, by, now);
    if (alert) {
      this.forBin(alert.binId).set(alert.kind, alert);
      this.deps.bus.emit('alert', { type: 'acknowledged', alert });
    }

    return alert;
  }

  private apply(binId: string, deviceId: string | null, conditions: Condition[], now: number) {
    const current = this.forBin(binId);
    // Write only state changes: most readings confirm what is known, and each write costs
    // an fsync on the ingest path.
    const relevant = conditions.filter((c) => {
      const existing = current.get(c.kind);

      return existing ? !c.active || existing.severity !== c.severity : c.active;
    });
    if (relevant.length === 0) return 0;

    const changes = this.deps.repo.apply(binId, deviceId, relevant, current, now);
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
