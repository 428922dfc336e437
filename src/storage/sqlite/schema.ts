import type Database from 'better-sqlite3';

/**
 * Telemetry tables of the embedded store. `user_version` records which steps have run, so a
 * data file written by an older release is brought forward on open and never rebuilt.
 */
export const TELEMETRY_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE readings (
    id INTEGER PRIMARY KEY,
    dedupe_key TEXT NOT NULL UNIQUE,
    device_id TEXT NOT NULL,
    bin_id TEXT NOT NULL,
    area_id TEXT NOT NULL,
    ts INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    seq INTEGER,
    distance_mm REAL,
    fill_pct REAL NOT NULL,
    battery_pct REAL,
    temperature_c REAL,
    tilt_deg REAL,
    quality TEXT NOT NULL,
    quality_reason TEXT,
    rssi REAL,
    snr REAL,
    gateways INTEGER,
    source TEXT NOT NULL
  );
  CREATE INDEX readings_bin_ts ON readings (bin_id, ts);
  CREATE INDEX readings_area_ts ON readings (area_id, ts);

  -- One row per bin, moved forward in the same transaction as the insert, so the fleet view
  -- never scans the readings table.
  CREATE TABLE bin_latest (
    bin_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    ts INTEGER NOT NULL,
    fill_pct REAL NOT NULL,
    quality TEXT NOT NULL,
    battery_pct REAL,
    temperature_c REAL,
    tilt_deg REAL
  ) WITHOUT ROWID;
  `,
  // Battery voltage, for the models that report volts (Dragino, Decentlab, Pepperl+Fuchs).
  // Added columns are null in rows written before: those readings never carried a voltage.
  `
  ALTER TABLE readings ADD COLUMN battery_v REAL;
  ALTER TABLE bin_latest ADD COLUMN battery_v REAL;
  `,
];

export function migrateTelemetrySchema(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;

  for (let step = applied; step < TELEMETRY_MIGRATIONS.length; step++) {
    db.transaction(() => {
      db.exec(TELEMETRY_MIGRATIONS[step]!);
      db.pragma(`user_version = ${step + 1}`);
    })();
  }
}
