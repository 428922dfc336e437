import type { Db } from '../db/open-database.js';
import type {
  Area,
  Bin,
  Crew,
  Device,
  Facility,
  RegistrySnapshot,
  Site,
  Vehicle,
} from '../domain/registry.js';

type Row = Record<string, unknown>;

const toArea = (r: Row): Area => ({
  id: r.id as string,
  name: r.name as string,
  code: r.code as string,
  lat: r.lat as number,
  lon: r.lon as number,
  population: (r.population as number | null) ?? null,
});

const toSite = (r: Row): Site => ({
  id: r.id as string,
  name: r.name as string,
  areaId: r.area_id as string,
  landUse: r.land_use as Site['landUse'],
  lat: r.lat as number,
  lon: r.lon as number,
  address: (r.address as string | null) ?? null,
});

const toBin = (r: Row): Bin => ({
  id: r.id as string,
  areaId: r.area_id as string,
  siteName: r.site_name as string,
  siteId: (r.site_id as string | null) ?? null,
  kind: r.kind as Bin['kind'],
  volumeL: r.volume_l as number,
  mountHeightMm: r.mount_height_mm as number,
  usableDepthMm: r.usable_depth_mm as number,
  landUse: r.land_use as Bin['landUse'],
  lat: r.lat as number,
  lon: r.lon as number,
  thresholdPct: r.threshold_pct as number,
  reportIntervalS: r.report_interval_s as number,
  enabled: r.enabled === 1,
});

const toDevice = (r: Row): Device => ({
  id: r.id as string,
  binId: r.bin_id as string,
  model: r.model as string,
  secretHash: r.secret_hash as string,
  enabled: r.enabled === 1,
  devEui: (r.dev_eui as string | null) ?? null,
});

const toFacility = (r: Row): Facility => ({
  id: r.id as string,
  name: r.name as string,
  kind: r.kind as Facility['kind'],
  lat: r.lat as number,
  lon: r.lon as number,
  dailyCapTonnes: (r.daily_cap_tonnes as number | null) ?? null,
  openDays: JSON.parse(r.open_days as string) as number[],
  openFromMin: r.open_from_min as number,
  openToMin: r.open_to_min as number,
  active: r.active === 1,
  acceptsAreaIds: JSON.parse(r.accepts_area_ids as string) as string[],
  note: r.note as string,
});

const toVehicle = (r: Row): Vehicle => ({
  id: r.id as string,
  kind: r.kind as Vehicle['kind'],
  capacityM3: r.capacity_m3 as number,
  capacityKg: r.capacity_kg as number,
  depotId: r.depot_id as string,
  available: r.available === 1,
  maxTrips: r.max_trips as number,
});

const toCrew = (r: Row): Crew => ({
  id: r.id as string,
  name: r.name as string,
  vehicleId: r.vehicle_id as string,
  shiftStartMin: r.shift_start_min as number,
  shiftEndMin: r.shift_end_min as number,
});

/** Registry reads and writes. Small tables: reads go to SQLite each time, no cache to stale. */
export class RegistryRepo {
  constructor(private readonly db: Db) {}

  areas(): Area[] {
    return this.db
      .prepare('SELECT * FROM areas ORDER BY name')
      .all()
      .map((r) => toArea(r as Row));
  }

  sites(): Site[] {
    return this.db
      .prepare('SELECT * FROM sites ORDER BY id')
      .all()
      .map((r) => toSite(r as Row));
  }

  bins(): Bin[] {
    return this.db
      .prepare('SELECT * FROM bins ORDER BY id')
      .all()
      .map((r) => toBin(r as Row));
  }

  bin(id: string): Bin | null {
    const row = this.db.prepare('SELECT * FROM bins WHERE id = ?').get(id);

    return row ? toBin(row as Row) : null;
  }

  devices(): Device[] {
    return this.db
      .prepare('SELECT * FROM devices ORDER BY id')
      .all()
      .map((r) => toDevice(r as Row));
  }

  device(id: string): Device | null {
    const row = this.db.prepare('SELECT * FROM devices WHERE id = ?').get(id);

    return row ? toDevice(row as Row) : null;
  }

  deviceByDevEui(devEui: string): Device | null {
    const row = this.db.prepare('SELECT * FROM devices WHERE dev_eui = ?').get(devEui);

    return row ? toDevice(row as Row) : null;
  }

  facilities(): Facility[] {
    return this.db
      .prepare('SELECT * FROM facilities ORDER BY id')
      .all()
      .map((r) => toFacility(r as Row));
  }

  vehicles(): Vehicle[] {
    return this.db
      .prepare('SELECT * FROM vehicles ORDER BY id')
      .all()
      .map((r) => toVehicle(r as Row));
  }

  crews(): Crew[] {
    return this.db
      .prepare('SELECT * FROM crews ORDER BY id')
      .all()
      .map((r) => toCrew(r as Row));
  }

  crew(id: string): Crew | null {
    const row = this.db.prepare('SELECT * FROM crews WHERE id = ?').get(id);

    return row ? toCrew(row as Row) : null;
  }

  setVehicleAvailable(id: string, available: boolean): boolean {
    const result = this.db
      .prepare('UPDATE vehicles SET available = ? WHERE id = ?')
      .run(available ? 1 : 0, id);

    return result.changes === 1;
  }

  upsertDevice(device: Device): void {
    this.db
      .prepare(
        `INSERT INTO devices (id, bin_id, model, secret_hash, enabled, dev_eui)
         VALUES (@id, @binId, @model, @secretHash, @enabled, @devEui)
         ON CONFLICT(id) DO UPDATE SET bin_id = excluded.bin_id, model = excluded.model,
           secret_hash = excluded.secret_hash, enabled = excluded.enabled,
           dev_eui = excluded.dev_eui`,
      )
      .run({ ...device, enabled: device.enabled ? 1 : 0 });
  }

  upsertSite(site: Site): void {
    this.db
      .prepare(
        `INSERT INTO sites (id, name, area_id, land_use, lat, lon, address)
         VALUES (@id, @name, @areaId, @landUse, @lat, @lon, @address)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, area_id = excluded.area_id,
           land_use = excluded.land_use, lat = excluded.lat, lon = excluded.lon,
           address = excluded.address`,
      )
      .run(site);
  }

  /** A bin without `siteId` (a CSV row, an older document) keeps the site it already has. */
  upsertBin(bin: Bin): void {
    this.db
      .prepare(
        `INSERT INTO bins (id, area_id, site_name, site_id, kind, volume_l, mount_height_mm,
           usable_depth_mm, land_use, lat, lon, threshold_pct, report_interval_s, enabled)
         VALUES (@id, @areaId, @siteName, @siteId, @kind, @volumeL, @mountHeightMm,
           @usableDepthMm, @landUse, @lat, @lon, @thresholdPct, @reportIntervalS, @enabled)
         ON CONFLICT(id) DO UPDATE SET area_id = excluded.area_id,
           site_name = excluded.site_name,
           site_id = CASE WHEN @keepSite = 1 THEN bins.site_id ELSE excluded.site_id END,
           kind = excluded.kind, volume_l = excluded.volume_l,
           mount_height_mm = excluded.mount_height_mm, usable_depth_mm = excluded.usable_depth_mm,
           land_use = excluded.land_use, lat = excluded.lat, lon = excluded.lon,
           threshold_pct = excluded.threshold_pct, report_interval_s = excluded.report_interval_s,
           enabled = excluded.enabled`,
      )
      .run({
        ...bin,
        siteId: bin.siteId ?? null,
        keepSite: bin.siteId === undefined ? 1 : 0,
        enabled: bin.enabled ? 1 : 0,
      });
  }

  /** Replaces or merges the registry with a validated snapshot, in one transaction. */
  importSnapshot(snapshot: RegistrySnapshot, mode: 'replace' | 'merge'): void {
    const run = this.db.transaction(() => {
      if (mode === 'replace') {
        // Referencing tables first: bins point at sites, sites and bins at areas.
        const tables = ['crews', 'vehicles', 'devices', 'bins', 'sites', 'facilities', 'areas'];
        for (const table of tables) this.db.prepare(`DELETE FROM ${table}`).run();
      }

      const area = this.db.prepare(
        `INSERT OR REPLACE INTO areas (id, name, code, lat, lon, population)
         VALUES (@id, @name, @code, @lat, @lon, @population)`,
      );
      for (const a of snapshot.areas) area.run(a);
      for (const site of snapshot.sites) this.upsertSite(site);

      const facility = this.db.prepare(
        `INSERT OR REPLACE INTO facilities (id, name, kind, lat, lon, daily_cap_tonnes,
           open_days, open_from_min, open_to_min, active, accepts_area_ids, note)
         VALUES (@id, @name, @kind, @lat, @lon, @dailyCapTonnes, @openDays, @openFromMin,
           @openToMin, @active, @acceptsAreaIds, @note)`,
      );
      for (const f of snapshot.facilities) {
        facility.run({
          ...f,
          openDays: JSON.stringify(f.openDays),
          acceptsAreaIds: JSON.stringify(f.acceptsAreaIds),
          active: f.active ? 1 : 0,
        });
      }

      for (const b of snapshot.bins) this.upsertBin(b);
      for (const d of snapshot.devices) this.upsertDevice(d);

      const vehicle = this.db.prepare(
        `INSERT OR REPLACE INTO vehicles (id, kind, capacity_m3, capacity_kg, depot_id,
           available, max_trips)
         VALUES (@id, @kind, @capacityM3, @capacityKg, @depotId, @available, @maxTrips)`,
      );
      for (const v of snapshot.vehicles) vehicle.run({ ...v, available: v.available ? 1 : 0 });

      const crew = this.db.prepare(
        `INSERT OR REPLACE INTO crews (id, name, vehicle_id, shift_start_min, shift_end_min)
         VALUES (@id, @name, @vehicleId, @shiftStartMin, @shiftEndMin)`,
      );
      for (const c of snapshot.crews) crew.run(c);
    });
    run();
  }

  exportSnapshot(): RegistrySnapshot {
    return {
      areas: this.areas(),
      sites: this.sites(),
      facilities: this.facilities(),
      bins: this.bins(),
      devices: this.devices(),
      vehicles: this.vehicles(),
      crews: this.crews(),
    };
  }
}
