/**
 * The operational database (registry, alerts, plans, collections, quarantine, tokens).
 * Readings live in the telemetry store, which may be this same engine or InfluxDB.
 * Append migrations; never edit a released one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE areas (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, code TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER
  );
  CREATE TABLE facilities (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, daily_cap_tonnes REAL,
    open_days TEXT NOT NULL, open_from_min INTEGER NOT NULL, open_to_min INTEGER NOT NULL,
    active INTEGER NOT NULL, accepts_area_ids TEXT NOT NULL DEFAULT '[]',
    note TEXT NOT NULL DEFAULT ''
  );
  CREATE TABLE bins (
    id TEXT PRIMARY KEY, area_id TEXT NOT NULL REFERENCES areas(id), site_name TEXT NOT NULL,
    kind TEXT NOT NULL, volume_l REAL NOT NULL, mount_height_mm REAL NOT NULL,
    usable_depth_mm REAL NOT NULL, land_use TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    threshold_pct REAL NOT NULL, report_interval_s INTEGER NOT NULL, enabled INTEGER NOT NULL
  );
  CREATE INDEX bins_area ON bins(area_id);
  CREATE TABLE devices (
    id TEXT PRIMARY KEY, bin_id TEXT NOT NULL REFERENCES bins(id), model TEXT NOT NULL,
    secret_hash TEXT NOT NULL, enabled INTEGER NOT NULL, dev_eui TEXT UNIQUE
  );
  CREATE INDEX devices_bin ON devices(bin_id);
  CREATE TABLE vehicles (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, capacity_m3 REAL NOT NULL,
    capacity_kg REAL NOT NULL, depot_id TEXT NOT NULL, available INTEGER NOT NULL,
    max_trips INTEGER NOT NULL
  );
  CREATE TABLE crews (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, vehicle_id TEXT NOT NULL REFERENCES vehicles(id),
    shift_start_min INTEGER NOT NULL, shift_end_min INTEGER NOT NULL
  );
  CREATE TABLE tokens (
    token_hash TEXT PRIMARY KEY, role TEXT NOT NULL, crew_id TEXT, label TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY AUTOINCREMENT, received_at INTEGER NOT NULL, source TEXT NOT NULL,
    device_id TEXT, topic TEXT NOT NULL, reason_code TEXT NOT NULL, reason TEXT NOT NULL,
    raw BLOB NOT NULL
  );
  CREATE INDEX quarantine_time ON quarantine(received_at);
  CREATE TABLE alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT, bin_id TEXT NOT NULL, device_id TEXT,
    kind TEXT NOT NULL, severity TEXT NOT NULL, status TEXT NOT NULL, message TEXT NOT NULL,
    value REAL, opened_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    acknowledged_at INTEGER, acknowledged_by TEXT, resolved_at INTEGER
  );
  CREATE UNIQUE INDEX alerts_one_active ON alerts(bin_id, kind) WHERE status != 'resolved';
  CREATE INDEX alerts_status ON alerts(status);
  CREATE TABLE collections (
    id INTEGER PRIMARY KEY AUTOINCREMENT, bin_id TEXT NOT NULL, ts INTEGER NOT NULL,
    source TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, crew_id TEXT,
    fill_before_pct REAL, client_ref TEXT UNIQUE, recorded_at INTEGER NOT NULL
  );
  CREATE INDEX collections_bin_time ON collections(bin_id, ts);
  CREATE TABLE plans (
    date TEXT PRIMARY KEY, created_at INTEGER NOT NULL, trigger TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE TABLE job_runs (
    job TEXT NOT NULL, started_at INTEGER NOT NULL, finished_at INTEGER,
    outcome TEXT NOT NULL, detail TEXT
  );
  `,
  // 2: the language each person chose for the web pages ("chosen per user", not per
  // browser). Token rows carry their holder's; the configured admin token has no row, so its
  // choice lives in settings.
  `
  ALTER TABLE tokens ADD COLUMN lang TEXT NOT NULL DEFAULT 'id' CHECK (lang IN ('id', 'en'));
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // 3: sites, the places where containers stand. A bin's site is optional (NULL for bins
  // registered before sites existed); site_name stays as their display name.
  `
  CREATE TABLE sites (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, area_id TEXT NOT NULL REFERENCES areas(id),
    land_use TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, address TEXT
  );
  CREATE INDEX sites_area ON sites(area_id);
  ALTER TABLE bins ADD COLUMN site_id TEXT REFERENCES sites(id);
  CREATE INDEX bins_site ON bins(site_id);
  `,
];
