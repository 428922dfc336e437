import type Database from 'better-sqlite3';
import type { QualityFix, WriteResult } from '../telemetry-store.js';
import { COLUMN, type PackedValue, READING_COLUMNS, READING_WIDTH } from './reading-rows.js';

/**
 * The one transaction that stores a batch: readings not seen before (by dedupe key) are
 * inserted, and each bin's latest state moves forward. Runs on the writer thread.
 */
export function createBatchWriter(
  db: Database.Database,
): (packed: readonly PackedValue[]) => WriteResult {
  // Positional parameters in READING_COLUMNS order: binding by name costs a lookup per value.
  const insertReading = db.prepare(`
    INSERT OR IGNORE INTO readings (${READING_COLUMNS.join(', ')})
    VALUES (${READING_COLUMNS.map(() => '?').join(', ')})`);

  // A late, out-of-order reading must not move a bin's state backwards.
  const upsertLatest = db.prepare(`
    INSERT INTO bin_latest (bin_id, device_id, ts, fill_pct, quality, battery_pct, battery_v,
      temperature_c, tilt_deg)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (bin_id) DO UPDATE SET device_id = excluded.device_id, ts = excluded.ts,
      fill_pct = excluded.fill_pct, quality = excluded.quality,
      battery_pct = excluded.battery_pct, battery_v = excluded.battery_v,
      temperature_c = excluded.temperature_c,
      tilt_deg = excluded.tilt_deg
    WHERE excluded.ts >= bin_latest.ts`);
  const latestColumns = [
    COLUMN.bin_id,
    COLUMN.device_id,
    COLUMN.ts,
    COLUMN.fill_pct,
    COLUMN.quality,
    COLUMN.battery_pct,
    COLUMN.battery_v,
    COLUMN.temperature_c,
    COLUMN.tilt_deg,
  ];

  return db.transaction((packed: readonly PackedValue[]) => {
    if (packed.length % READING_WIDTH !== 0) {
      throw new RangeError(`packed batch of ${packed.length} values is not whole rows`);
    }
    let written = 0;
    // Only each bin's newest new reading can change its latest state: one upsert per bin.
    // Offsets into `packed` of those readings, by bin.
    const newest = new Map<PackedValue, number>();
    const row: PackedValue[] = new Array(READING_WIDTH);
    const latest: PackedValue[] = new Array(latestColumns.length);

    for (let o = 0; o < packed.length; o += READING_WIDTH) {
      for (let c = 0; c < READING_WIDTH; c++) row[c] = packed[o + c]!;
      if (insertReading.run(row).changes === 0) continue;

      written++;
      const binId = row[COLUMN.bin_id];
      const seen = newest.get(binId);
      if (
        seen === undefined ||
        (row[COLUMN.ts] as number) >= (packed[seen + COLUMN.ts] as number)
      ) {
        newest.set(binId, o);
      }
    }

    for (const o of newest.values()) {
      for (let c = 0; c < latestColumns.length; c++) latest[c] = packed[o + latestColumns[c]!]!;
      upsertLatest.run(latest);
    }

    return { written, duplicates: packed.length / READING_WIDTH - written };
  });
}

/** Rewrites the quality verdict of stored readings (a spike later confirmed, or not). */
export function createQualityCorrector(
  db: Database.Database,
): (fixes: readonly QualityFix[]) => number {
  const correctReading = db.prepare(`
    UPDATE readings SET quality = @quality, quality_reason = @qualityReason
    WHERE dedupe_key = @dedupeKey`);
  // The bin's state follows when the corrected reading is the one it shows.
  const correctLatest = db.prepare(`
    UPDATE bin_latest SET quality = @quality
    WHERE (bin_id, ts) = (SELECT bin_id, ts FROM readings WHERE dedupe_key = @dedupeKey)`);

  return db.transaction((fixes: readonly QualityFix[]) => {
    let found = 0;
    for (const fix of fixes) {
      if (correctReading.run(fix).changes === 0) continue;

      correctLatest.run(fix);
      found++;
    }

    return found;
  });
}
