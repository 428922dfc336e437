import { z } from 'zod';
import {
  BIN_KINDS,
  FACILITY_KINDS,
  LAND_USES,
  type RegistrySnapshot,
  VEHICLE_KINDS,
} from '../domain/registry.js';

const id = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'letters, digits, . _ : - (max 64)');
const lat = z.number().min(-90).max(90);
const lon = z.number().min(-180).max(180);
const minuteOfDay = z.number().int().min(0).max(1_440);

const area = z.object({
  id,
  name: z.string().min(1),
  code: z.string(),
  lat,
  lon,
  population: z.number().int().nonnegative().nullable(),
});

const site = z.object({
  id,
  name: z.string().min(1),
  areaId: id,
  landUse: z.enum(LAND_USES),
  lat,
  lon,
  address: z.string().min(1).nullable().default(null),
});

const facility = z.object({
  id,
  name: z.string().min(1),
  kind: z.enum(FACILITY_KINDS),
  lat,
  lon,
  dailyCapTonnes: z.number().positive().nullable(),
  openDays: z.array(z.number().int().min(1).max(7)),
  openFromMin: minuteOfDay,
  openToMin: minuteOfDay,
  active: z.boolean(),
  acceptsAreaIds: z.array(id).default([]),
  note: z.string().default(''),
});

const bin = z
  .object({
    id,
    areaId: id,
    siteName: z.string().min(1),
    // Absent (older documents, CSV rows) keeps the bin's current site; null clears it.
    siteId: id.nullable().optional(),
    kind: z.enum(BIN_KINDS),
    volumeL: z.number().positive().max(100_000),
    mountHeightMm: z.number().positive().max(20_000),
    usableDepthMm: z.number().positive().max(20_000),
    landUse: z.enum(LAND_USES),
    lat,
    lon,
    thresholdPct: z.number().min(1).max(100).default(80),
    reportIntervalS: z.number().int().min(10).max(86_400).default(900),
    enabled: z.boolean().default(true),
  })
  .refine((b) => b.usableDepthMm <= b.mountHeightMm, {
    message: 'usableDepthMm cannot exceed mountHeightMm',
    path: ['usableDepthMm'],
  });

/** One bin record, also used row by row by the CSV bin import. */
export const binSchema = bin;

const device = z.object({
  id,
  binId: id,
  model: z.string().min(1),
  secretHash: z.string().startsWith('scrypt$', 'a hash made by `pesan` (scrypt$...)'),
  enabled: z.boolean().default(true),
  /** LoRaWAN DevEUI in either case (consoles show upper case); stored lower-case. */
  devEui: z
    .string()
    .regex(/^[0-9a-fA-F]{16}$/, '16 hex digits')
    .transform((s) => s.toLowerCase())
    .nullable()
    .default(null),
});

const vehicle = z.object({
  id,
  kind: z.enum(VEHICLE_KINDS),
  capacityM3: z.number().positive(),
  capacityKg: z.number().positive(),
  depotId: id,
  available: z.boolean().default(true),
  maxTrips: z.number().int().min(1).max(6).default(2),
});

const crew = z.object({
  id,
  name: z.string().min(1),
  vehicleId: id,
  shiftStartMin: minuteOfDay,
  shiftEndMin: minuteOfDay,
});

export const snapshotSchema = z.object({
  areas: z.array(area).default([]),
  sites: z.array(site).default([]),
  facilities: z.array(facility).default([]),
  bins: z.array(bin).default([]),
  devices: z.array(device).default([]),
  vehicles: z.array(vehicle).default([]),
  crews: z.array(crew).default([]),
});

export class SnapshotError extends Error {
  constructor(readonly problems: string[]) {
    super(`registry file rejected:\n  - ${problems.slice(0, 50).join('\n  - ')}`);
    this.name = 'SnapshotError';
  }
}

function references(s: RegistrySnapshot, known?: RegistrySnapshot): string[] {
  const ids = (items: { id: string }[], extra: { id: string }[] = []) =>
    new Set([...items, ...extra].map((i) => i.id));
  const areas = ids(s.areas, known?.areas);
  const sites = ids(s.sites, known?.sites);
  const bins = ids(s.bins, known?.bins);
  const vehicles = ids(s.vehicles, known?.vehicles);
  const facilities = ids(s.facilities, known?.facilities);
  const problems: string[] = [];

  s.sites.forEach((site, i) => {
    if (!areas.has(site.areaId)) {
      problems.push(`sites[${i}].areaId: unknown area "${site.areaId}"`);
    }
  });
  s.bins.forEach((b, i) => {
    if (!areas.has(b.areaId)) problems.push(`bins[${i}].areaId: unknown area "${b.areaId}"`);
    if (b.siteId != null && !sites.has(b.siteId)) {
      problems.push(`bins[${i}].siteId: unknown site "${b.siteId}"`);
    }
  });
  s.devices.forEach((d, i) => {
    if (!bins.has(d.binId)) problems.push(`devices[${i}].binId: unknown bin "${d.binId}"`);
  });
  // A device the document redefines gives up its old DevEUI.
  const redefined = new Set(s.devices.map((d) => d.id));
  const euiOwners = new Map(
    (known?.devices ?? [])
      .filter((d) => d.devEui !== null && !redefined.has(d.id))
      .map((d) => [d.devEui, d.id]),
  );
  s.devices.forEach((d, i) => {
    if (d.devEui === null) return;
    const owner = euiOwners.get(d.devEui);
    if (owner !== undefined && owner !== d.id) {
      problems.push(`devices[${i}].devEui: ${d.devEui} already belongs to device "${owner}"`);
    }
    euiOwners.set(d.devEui, d.id);
  });
  s.vehicles.forEach((v, i) => {
    if (!facilities.has(v.depotId)) {
      problems.push(`vehicles[${i}].depotId: unknown facility "${v.depotId}"`);
    }
  });
  s.crews.forEach((c, i) => {
    if (!vehicles.has(c.vehicleId)) {
      problems.push(`crews[${i}].vehicleId: unknown vehicle "${c.vehicleId}"`);
    }
  });

  return problems;
}

/** Validates an import document: shapes first, then that every reference points somewhere. */
export function parseSnapshot(input: unknown, known?: RegistrySnapshot): RegistrySnapshot {
  const parsed = snapshotSchema.safeParse(input);
  if (!parsed.success) {
    throw new SnapshotError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`),
    );
  }

  const problems = references(parsed.data, known);
  if (problems.length > 0) throw new SnapshotError(problems);

  return parsed.data;
}
