/**
 * A synthetic but realistic Kabupaten Serang collection day: bins spread over the 29
 * kecamatan by population, the regency's disposal sites with their caps, and a fleet like
 * DLH's (demo-parameters.md section 7). Deterministic for a seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BinKind, Crew, Facility, LandUse, Vehicle } from '../../src/domain/registry.js';
import { Rng } from '../../src/routing/engine/rng.js';
import type { PickupCandidate, PickupPriority, PlanRequest } from '../../src/routing/plan-types.js';
import { projectRoot } from './paths.js';

interface Kecamatan {
  name: string;
  code: string;
  lat: number;
  lon: number;
  population2023: number;
}

export interface SerangDayOptions {
  seed?: number;
  /** YYYY-MM-DD; 2026-03-02 is a Monday. */
  date?: string;
  candidates?: number;
  dumpTrucks?: number;
  armRolls?: number;
  threeWheelers?: number;
  timeLimitMs?: number;
}

const DENSITY_KG_M3 = 250;
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const MON_SAT = [1, 2, 3, 4, 5, 6];

/** Container mix of the candidates (ASSUMPTION), with volume and land use. */
const MIX: { kind: BinKind; share: number; volumeM3: number; landUse: LandUse }[] = [
  { kind: 'armroll-skip-6m3', share: 0.06, volumeM3: 6, landUse: 'market' },
  { kind: 'masonry-tps', share: 0.12, volumeM3: 2, landUse: 'residential' },
  { kind: 'wheelie-660', share: 0.5, volumeM3: 0.66, landUse: 'residential' },
  { kind: 'wheelie-240', share: 0.22, volumeM3: 0.24, landUse: 'school' },
  { kind: 'wheelie-120', share: 0.1, volumeM3: 0.12, landUse: 'shophouse' },
];

/** The demo scenario's kecamatan file (copied from the shared data, sources in its README). */
interface KecamatanRecord {
  name: string;
  kode_kemendagri: string;
  lat: number;
  lon: number;
  population_2023_scaled_estimate: number;
}

export function loadKecamatan(): Kecamatan[] {
  const records = JSON.parse(
    readFileSync(join(projectRoot(), 'scenarios', 'serang', 'kecamatan.json'), 'utf8'),
  ) as KecamatanRecord[];

  return records.map((r) => ({
    name: r.name,
    code: r.kode_kemendagri,
    lat: r.lat,
    lon: r.lon,
    population2023: r.population_2023_scaled_estimate,
  }));
}

const areaId = (k: Kecamatan): string => `kec-${k.code.replaceAll('.', '')}`;

function facility(
  id: string,
  name: string,
  kind: Facility['kind'],
  at: { lat: number; lon: number },
  capT: number | null,
  openDays: number[],
): Facility {
  return {
    id,
    name,
    kind,
    lat: at.lat,
    lon: at.lon,
    dailyCapTonnes: capT,
    openDays,
    openFromMin: kind === 'depot' ? 0 : 6 * 60,
    openToMin: kind === 'depot' ? 24 * 60 : 17 * 60,
    active: true,
    note: 'synthetic Serang day',
    acceptsAreaIds: [],
  };
}

/** Disposal sites and the depot; caps and hours are ASSUMPTIONS except Cilowong's 200 t. */
export function serangFacilities(kecamatan: Kecamatan[]): Facility[] {
  const sites = JSON.parse(
    readFileSync(join(projectRoot(), 'scenarios', 'serang', 'facilities.json'), 'utf8'),
  ) as {
    kind: 'TPA' | 'TPST' | 'TPS3R';
    name: string;
    lat: number;
    lon: number;
  }[];
  const byName = (prefix: string) => sites.find((s) => s.name.startsWith(prefix))!;
  const ciruas = kecamatan.find((k) => k.name === 'Ciruas')!;

  return [
    // ASSUMPTION: the DLH pool is not located in the sources; placed in Ciruas, the regency seat.
    facility('depot-dlh', 'Pool DLH Kabupaten Serang', 'depot', ciruas, null, ALL_DAYS),
    facility('tpa-cilowong', 'TPAS Cilowong', 'TPA', byName('TPAS'), 200, MON_SAT),
    facility('tpst-kibin', 'TPST Kibin', 'TPST', byName('TPST Kibin'), 40, ALL_DAYS),
    facility('tps3r-pelawad', 'TPS3R Pelawad', 'TPS3R', byName('TPS3R Desa Pelawad'), 3, MON_SAT),
    facility(
      'tps3r-margagiri',
      'TPS3R Margagiri',
      'TPS3R',
      byName('TPS3R Desa Margagiri'),
      3,
      MON_SAT,
    ),
    facility('tps3r-anyar', 'TPS3R Anyar', 'TPS3R', byName('TPS3R Kecamatan Anyar'), 3, MON_SAT),
  ];
}

function jitter(rng: Rng, k: Kecamatan, radiusKm: number): { lat: number; lon: number } {
  const r = radiusKm * Math.sqrt(rng.next());
  const a = rng.next() * 2 * Math.PI;

  return { lat: k.lat + (r * Math.sin(a)) / 111, lon: k.lon + (r * Math.cos(a)) / 110 };
}

function pickWeighted<T>(rng: Rng, items: T[], weight: (t: T) => number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let x = rng.next() * total;
  for (const item of items) {
    x -= weight(item);
    if (x <= 0) return item;
  }

  return items[items.length - 1]!;
}

export function serangDay(options: SerangDayOptions = {}): PlanRequest {
  const rng = new Rng(options.seed ?? 1);
  const kecamatan = loadKecamatan();
  const facilities = serangFacilities(kecamatan);

  const candidates: PickupCandidate[] = [];
  for (let i = 0; i < (options.candidates ?? 600); i++) {
    const k = pickWeighted(rng, kecamatan, (x) => x.population2023);
    const mix = pickWeighted(rng, MIX, (m) => m.share);
    const fillPct = 55 + rng.next() * 55;
    const priority: PickupPriority =
      fillPct >= 100 ? 'overflowing' : fillPct >= 85 ? 'predicted' : 'routine';
    const volumeM3 = (mix.volumeM3 * Math.min(fillPct, 100)) / 100;
    candidates.push({
      binId: `bin-${String(i + 1).padStart(4, '0')}`,
      areaId: areaId(k),
      areaName: k.name,
      siteName: `${mix.kind} ${k.name} ${i + 1}`,
      kind: mix.kind,
      landUse: mix.landUse,
      priority,
      reason: `fill ${Math.round(fillPct)} %`,
      expectedFillPct: Math.round(fillPct),
      expectedVolumeM3: Math.round(volumeM3 * 1000) / 1000,
      expectedWeightKg: Math.round(volumeM3 * DENSITY_KG_M3),
      ...jitter(rng, k, 3),
    });
  }

  const vehicles: Vehicle[] = [];
  const crews: Crew[] = [];
  const add = (kind: Vehicle['kind'], count: number, m3: number, kg: number, trips: number) => {
    for (let i = 0; i < count; i++) {
      const id = `${kind}-${String(i + 1).padStart(2, '0')}`;
      vehicles.push({
        id,
        kind,
        capacityM3: m3,
        capacityKg: kg,
        depotId: 'depot-dlh',
        available: true,
        maxTrips: trips,
      });
      crews.push({
        id: `crew-${id}`,
        name: `Regu ${id}`,
        vehicleId: id,
        shiftStartMin: 300,
        shiftEndMin: 720,
      });
    }
  };
  add('dump-truck', options.dumpTrucks ?? 36, 6, 1500, 2);
  add('arm-roll', options.armRolls ?? 14, 6, 1500, 2);
  add('three-wheeler', options.threeWheelers ?? 0, 1.5, 375, 3);

  const kibin = kecamatan.find((k) => k.name === 'Kibin')!;

  return {
    date: options.date ?? '2026-03-02',
    candidates,
    vehicles,
    crews,
    facilities,
    facilityAreaIds: { 'tpst-kibin': [areaId(kibin)] },
    roadFactor: 1.3,
    speedKmh: 30,
    timeLimitMs: options.timeLimitMs ?? 5000,
    seed: options.seed ?? 1,
  };
}
