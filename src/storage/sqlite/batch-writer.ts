import type Database from 'better-sqlite3';
import type { Reading } from '../../domain/reading.js';
import type { QualityFix, WriteResult } from '../telemetry-store.js';
import { type ReadingRow, readingToRow } from './reading-rows.js';

/**
 * The one transaction that stores a batch: readings not seen before (by dedupe key) are
 * inserted, and each bin's latest state moves forward. Runs on the writer thread.
 */
export function createBatchWriter(
  db: Database.Database,
): (readings: readonly Reading[]) => WriteResult {
  const insertReading = db.prepare(`
    INSERT OR IGNORE INTO readings (dedupe_key, device_id, bin_id, area_id, ts, received_at,
      seq, distance_mm, fill_pct, battery_pct, battery_v, temperature_c, tilt_deg, quality,
      quality_reason, rssi, snr, gateways, source)
    VALUES (@dedupe_key, @device_id, @bin_id, @area_id, @ts, @received_at, @seq, @distance_mm,
      @fill_pct, @battery_pct, @battery_v, @temperature_c, @tilt_deg, @quality, @quality_reason,
      @rssi, @snr, @gateways, @source)`);

  // A late, out-of-order reading must not move a bin's state backwards.
  const upsertLatest = db.prepare(`
    INSERT INTO bin_latest (bin_id, device_id, ts, fill_pct, quality, battery_pct, battery_v,
      temperature_c, tilt_deg)
    VALUES (@bin_id, @device_id, @ts, @fill_pct, @quality, @battery_pct, @battery_v,
      @temperature_c, @tilt_deg)
    ON CONFLICT (bin_id) DO UPDATE SET device_id = excluded.device_id, ts = excluded.ts,
      fill_pct = excluded.fill_pct, quality = excluded.quality,
      battery_pct = excluded.battery_pct, battery_v = excluded.battery_v,
      temperature_c = excluded.temperature_c,
      tilt_deg = excluded.tilt_deg
    WHERE excluded.ts >= bin_latest.ts`);

  return db.transaction((readings: readonly Reading[]) => {
    let written = 0;
    // Only each bin's newest new reading can change its latest state: one upsert per bin.
    const newest = new Map<string, ReadingRow>();

    for (const reading of readings) {
      const row = readingToRow(reading);
      if (insertReading.run(row).changes === 0) continue;

      written++;
      const seen = newest.get(row.bin_id);
      if (!seen || row.ts >= seen.ts) newest.set(row.bin_id, row);
    }

    for (const row of newest.values()) upsertLatest.run(row);

    return { written, duplicates: readings.length - written };
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
