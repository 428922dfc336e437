import type { Db } from '../db/open-database.js';

export type CollectionStatus = 'collected' | 'not-collected';

export interface Collection {
  id: number;
  binId: string;
  ts: number;
  source: 'sensor' | 'crew';
  status: CollectionStatus;
  reason: string | null;
  crewId: string | null;
  fillBeforePct: number | null;
  clientRef: string | null;
  recordedAt: number;
}

type Row = Record<string, unknown>;

const toCollection = (r: Row): Collection => ({
  id: r.id as number,
  binId: r.bin_id as string,
  ts: r.ts as number,
  source: r.source as Collection['source'],
  status: r.status as CollectionStatus,
  reason: r.reason as string | null,
  crewId: r.crew_id as string | null,
  fillBeforePct: r.fill_before_pct as number | null,
  clientRef: r.client_ref as string | null,
  recordedAt: r.recorded_at as number,
});

/** Emptyings seen by sensors and pickups confirmed by crews. */
export class CollectionRepo {
  constructor(private readonly db: Db) {}

  /**
   * Records a collection. A crew confirmation carries the phone's own reference, so one sent
   * twice (offline queue replay) is stored once: the second call returns the first record.
   */
  add(c: Omit<Collection, 'id'>): { collection: Collection; created: boolean } {
    const row = this.db
      .prepare(
        `INSERT INTO collections (bin_id, ts, source, status, reason, crew_id, fill_before_pct,
           client_ref, recorded_at)
         VALUES (@binId, @ts, @source, @status, @reason, @crewId, @fillBeforePct, @clientRef,
           @recordedAt)
         ON CONFLICT(client_ref) DO NOTHING RETURNING *`,
      )
      .get(c) as Row | undefined;
    if (row) return { collection: toCollection(row), created: true };

    const existing = this.db
      .prepare('SELECT * FROM collections WHERE client_ref = ?')
      .get(c.clientRef) as Row;

    return { collection: toCollection(existing), created: false };
  }

  forBin(binId: string, from: number, to: number): Collection[] {
    return this.db
      .prepare('SELECT * FROM collections WHERE bin_id = ? AND ts >= ? AND ts < ? ORDER BY ts')
      .all(binId, from, to)
      .map((r) => toCollection(r as Row));
  }

  /**
   * Each bin's latest crew confirmation in [from, to), by the time of the tap (a phone queue
   * may deliver an older mark after a newer one from another phone).
   */
  latestCrewByBin(from: number, to: number): Map<string, Collection> {
    const rows = this.db
      .prepare(
        `SELECT * FROM collections WHERE source = 'crew' AND ts >= ? AND ts < ?
         ORDER BY ts, id`,
      )
      .all(from, to);
    const latest = new Map<string, Collection>();
    for (const row of rows) {
      const c = toCollection(row as Row);
      latest.set(c.binId, c);
    }

    return latest;
  }

  between(from: number, to: number): Collection[] {
    return this.db
      .prepare('SELECT * FROM collections WHERE ts >= ? AND ts < ? ORDER BY ts')
      .all(from, to)
      .map((r) => toCollection(r as Row));
  }
}
