import type { Db } from '../db/open-database.js';
import type { AlertKind, Condition, Severity } from './alert-rules.js';

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export interface Alert {
  id: number;
  binId: string;
  deviceId: string | null;
  kind: AlertKind;
  severity: Severity;
  status: AlertStatus;
  message: string;
  value: number | null;
  openedAt: number;
  updatedAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  resolvedAt: number | null;
}

type Row = Record<string, unknown>;

const toAlert = (r: Row): Alert => ({
  id: r.id as number,
  binId: r.bin_id as string,
  deviceId: r.device_id as string | null,
  kind: r.kind as AlertKind,
  severity: r.severity as Severity,
  status: r.status as AlertStatus,
  message: r.message as string,
  value: r.value as number | null,
  openedAt: r.opened_at as number,
  updatedAt: r.updated_at as number,
  acknowledgedAt: r.acknowledged_at as number | null,
  acknowledgedBy: r.acknowledged_by as string | null,
  resolvedAt: r.resolved_at as number | null,
});

export type AlertChange = { type: 'opened' | 'resolved' | 'acknowledged'; alert: Alert };

/** Rule conclusions for one bin, with the alerts it has open now. */
export interface AlertUpdate {
  binId: string;
  deviceId: string | null;
  conditions: Condition[];
  current: Map<AlertKind, Alert>;
  now: number;
}

/** Alerts in SQLite; at most one unresolved alert per bin and kind (a partial unique index). */
export class AlertRepo {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      active: db.prepare(`SELECT * FROM alerts WHERE status != 'resolved'`),
      insert: db.prepare(
        `INSERT INTO alerts (bin_id, device_id, kind, severity, status, message, value,
           opened_at, updated_at)
         VALUES (@binId, @deviceId, @kind, @severity, 'open', @message, @value, @now, @now)
         RETURNING *`,
      ),
      touch: db.prepare(
        `UPDATE alerts SET message = @message, value = @value, severity = @severity,
           updated_at = @now WHERE id = @id`,
      ),
      resolve: db.prepare(
        `UPDATE alerts SET status = 'resolved', resolved_at = @now, updated_at = @now
         WHERE id = @id RETURNING *`,
      ),
    };
  }

  /** Unresolved alerts keyed `${binId}/${kind}`, for the rule engine's cache. */
  active(): Alert[] {
    return this.statements.active.all().map((r) => toAlert(r as Row));
  }

  /**
   * Applies rule conclusions for one bin in one transaction: opens what became active,
   * refreshes what stays active, resolves what cleared.
   */
  apply(
    binId: string,
    deviceId: string | null,
    conditions: Condition[],
    current: Map<AlertKind, Alert>,
    now: number,
  ): AlertChange[] {
    return this.applyAll([{ binId, deviceId, conditions, current, now }]);
  }

  /**
   * Applies the conclusions for many bins in one transaction, so one commit (one fsync, on
   * the event loop) serves a whole batch of readings or a sweep, not one per bin. All or
   * nothing: on an error no change is stored and none is returned.
   */
  applyAll(updates: readonly AlertUpdate[]): AlertChange[] {
    const changes: AlertChange[] = [];

    this.db.transaction(() => {
      for (const { binId, deviceId, conditions, current, now } of updates) {
        for (const c of conditions) {
          const existing = current.get(c.kind);
          if (c.active && !existing) {
            const row = this.statements.insert.get({ binId, deviceId, ...c, now }) as Row;
            changes.push({ type: 'opened', alert: toAlert(row) });
          } else if (c.active && existing) {
            this.statements.touch.run({ id: existing.id, ...c, now });
          } else if (!c.active && existing) {
            const row = this.statements.resolve.get({ id: existing.id, now }) as Row;
            changes.push({ type: 'resolved', alert: toAlert(row) });
          }
        }
      }
    })();

    return changes;
  }

  acknowledge(id: number, by: string, now: number): Alert | null {
    const row = this.db
      .prepare(
        `UPDATE alerts SET status = 'acknowledged', acknowledged_at = @now,
           acknowledged_by = @by, updated_at = @now
         WHERE id = @id AND status = 'open' RETURNING *`,
      )
      .get({ id, by, now }) as Row | undefined;

    return row ? toAlert(row) : null;
  }

  get(id: number): Alert | null {
    const row = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as Row | undefined;

    return row ? toAlert(row) : null;
  }

  list(filter: { status?: AlertStatus | 'active'; binId?: string; limit: number }): Alert[] {
    const status = filter.status ?? null;
    const rows = this.db
      .prepare(
        `SELECT * FROM alerts
         WHERE (@status IS NULL OR status = @status
                OR (@status = 'active' AND status != 'resolved'))
           AND (@binId IS NULL OR bin_id = @binId)
         ORDER BY opened_at DESC LIMIT @limit`,
      )
      .all({ status, binId: filter.binId ?? null, limit: filter.limit });

    return rows.map((r) => toAlert(r as Row));
  }
}
