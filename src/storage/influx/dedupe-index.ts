import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Reading } from '../../domain/reading.js';

/**
 * Remembers which dedupe keys were stored recently, so a redelivered reading is counted as a
 * duplicate and not sent again. InfluxDB would overwrite an identical point anyway (same
 * series, same timestamp), so this index only keeps the counts honest: it may lose its last
 * writes in a crash (synchronous=OFF), which at worst counts a redelivery as new.
 */
export class DedupeIndex {
  private readonly db: Database.Database;

  private readonly inFlight = new Set<string>();

  private readonly seenAmong: Database.Statement;

  private readonly insertMany: Database.Statement;

  private readonly prune: Database.Statement;

  constructor(
    dir: string,
    private readonly windowMs: number,
  ) {
    mkdirSync(dir, { recursive: true });
    this.db = new Database(join(dir, 'influx-dedupe.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = OFF');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, at_ms INTEGER NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS seen_at ON seen (at_ms);`);

    // One statement per batch, keys passed as a JSON array: far cheaper than one per key.
    this.seenAmong = this.db
      .prepare('SELECT key FROM seen WHERE key IN (SELECT value FROM json_each(?))')
      .pluck();
    this.insertMany = this.db.prepare(
      'INSERT OR IGNORE INTO seen (key, at_ms) SELECT value, ? FROM json_each(?)',
    );
    this.prune = this.db.prepare('DELETE FROM seen WHERE at_ms < ?');
  }

  /**
   * The readings not stored before and not being stored right now; they are marked in flight
   * until `commit` or `release`. A key repeated inside the batch counts once.
   */
  claim(readings: readonly Reading[]): Reading[] {
    const keys = JSON.stringify(readings.map((r) => r.dedupeKey));
    const stored = new Set(this.seenAmong.all(keys) as string[]);
    const fresh: Reading[] = [];

    for (const reading of readings) {
      const key = reading.dedupeKey;
      if (this.inFlight.has(key) || stored.has(key)) continue;

      this.inFlight.add(key);
      fresh.push(reading);
    }

    return fresh;
  }

  /** The claimed readings are durable (written or spooled). */
  commit(readings: readonly Reading[]): void {
    this.insertMany.run(Date.now(), JSON.stringify(readings.map((r) => r.dedupeKey)));
    this.release(readings);
  }

  /** The claimed readings were not stored; a redelivery must be taken as new. */
  release(readings: readonly Reading[]): void {
    for (const r of readings) this.inFlight.delete(r.dedupeKey);
  }

  /** Forgets keys stored longer ago than the window. */
  pruneOld(nowMs = Date.now()): number {
    return this.prune.run(nowMs - this.windowMs).changes;
  }

  close(): void {
    this.db.close();
  }
}
