import type { Db } from '../db/open-database.js';
import type { RejectionCode } from './rejections.js';

export interface QuarantineEntry {
  receivedAt: number;
  source: string;
  deviceId: string | null;
  topic: string;
  code: RejectionCode;
  reason: string;
  raw: Buffer;
}

export interface QuarantineRow extends Omit<QuarantineEntry, 'raw'> {
  id: number;
  rawBase64: string;
}

/** Refused inputs, kept with their raw bytes so a person can see what a device really sent. */
export class QuarantineRepo {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO quarantine (received_at, source, device_id, topic, reason_code, reason, raw)
       VALUES (@receivedAt, @source, @deviceId, @topic, @code, @reason, @raw)`,
    );
  }

  addMany(entries: QuarantineEntry[]): void {
    this.db.transaction(() => {
      for (const e of entries) this.insert.run(e);
    })();
  }

  recent(limit: number, deviceId?: string): QuarantineRow[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM quarantine WHERE (@deviceId IS NULL OR device_id = @deviceId)
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({ deviceId: deviceId ?? null, limit }) as Record<string, unknown>[];

    return rows.map((r) => ({
      id: r.id as number,
      receivedAt: r.received_at as number,
      source: r.source as string,
      deviceId: r.device_id as string | null,
      topic: r.topic as string,
      code: r.reason_code as RejectionCode,
      reason: r.reason as string,
      rawBase64: (r.raw as Buffer).toString('base64'),
    }));
  }

  countByCode(): Record<string, number> {
    const rows = this.db
      .prepare('SELECT reason_code, COUNT(*) AS n FROM quarantine GROUP BY reason_code')
      .all() as { reason_code: string; n: number }[];

    return Object.fromEntries(rows.map((r) => [r.reason_code, r.n]));
  }
}
