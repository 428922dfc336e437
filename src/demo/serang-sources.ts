import { readFileSync } from 'node:fs';
import type { Area, Facility } from '../domain/registry.js';

/** Reads the copied public data in scenarios/serang/ into registry records. */

const SCENARIO_DIR = new URL('../../../scenarios/serang/', import.meta.url);

function scenarioFile(name: string): URL {
  // Compiled code runs from dist/src/demo, sources from src/demo under vitest/tsx.
  const fromDist = new URL(name, SCENARIO_DIR);
  const fromSrc = new URL(`../../scenarios/serang/${name}`, import.meta.url);

  return import.meta.url.includes('/dist/') ? fromDist : fromSrc;
}

interface KecamatanRecord {
  name: string;
  kode_kemendagri: string;
  lat: number;
  lon: number;
  population_2023_scaled_estimate: number | null;
  area_km2_approx: number;
}

interface FacilityRecord {
  kind: string;
  name: string;
  status: string;
  lat: number | null;
  lon: number | null;
  note: string;
}

export const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export interface KecamatanInfo extends Area {
  areaKm2: number;
}

export function loadKecamatan(): KecamatanInfo[] {
  const records = JSON.parse(
    readFileSync(scenarioFile('kecamatan.json'), 'utf8'),
  ) as KecamatanRecord[];

  return records.map((k) => ({
    id: slug(k.name),
    name: k.name,
    code: k.kode_kemendagri,
    lat: k.lat,
    lon: k.lon,
    population: k.population_2023_scaled_estimate,
    areaKm2: k.area_km2_approx,
  }));
}

const MON_TO_SAT = [1, 2, 3, 4, 5, 6];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

/**
 * Facilities a route may use. Historical, planned and unlicensed sites are left out: the
 * planner must never send a truck to them. Caps and hours are from the records' notes where
 * known, otherwise ASSUMPTIONS written here.
 */
export function loadFacilities(depot: { lat: number; lon: number }): Facility[] {
  const records = JSON.parse(
    readFileSync(scenarioFile('facilities.json'), 'utf8'),
  ) as FacilityRecord[];
  const facilities: Facility[] = [];

  for (const r of records) {
    if (r.lat === null || r.lon === null) continue;
    const base = { id: slug(r.name), name: r.name, lat: r.lat, lon: r.lon, note: r.status };

    if (r.kind === 'TPA' && r.name.includes('Cilowong')) {
      facilities.push({
        ...base,
        id: 'tpas-cilowong',
        kind: 'TPA',
        dailyCapTonnes: 200,
        openDays: MON_TO_SAT,
        openFromMin: 5 * 60,
        openToMin: 18 * 60,
        active: true,
        acceptsAreaIds: [],
      });
    } else if (r.kind === 'TPST') {
      facilities.push({
        ...base,
        id: 'tpst-kibin',
        kind: 'TPST',
        dailyCapTonnes: 40,
        openDays: EVERY_DAY,
        openFromMin: 6 * 60,
        openToMin: 17 * 60,
        active: true,
        acceptsAreaIds: ['kibin'],
      });
    } else if (r.kind === 'TPS3R') {
      const planned = r.name.includes('planned');
      facilities.push({
        ...base,
        kind: 'TPS3R',
        dailyCapTonnes: 3,
        openDays: MON_TO_SAT,
        openFromMin: 6 * 60,
        openToMin: 16 * 60,
        active: !planned,
        acceptsAreaIds: [],
      });
    } else if (r.kind === 'bank_sampah') {
      facilities.push({
        ...base,
        kind: 'bank_sampah',
        dailyCapTonnes: null,
        openDays: MON_TO_SAT,
        openFromMin: 8 * 60,
        openToMin: 15 * 60,
        active: true,
        acceptsAreaIds: [],
      });
    }
  }

  facilities.push({
    id: 'depot-dlh',
    name: 'Pool DLH Kabupaten Serang (lokasi asumsi: Ciruas)',
    kind: 'depot',
    lat: depot.lat,
    lon: depot.lon,
    dailyCapTonnes: null,
    openDays: EVERY_DAY,
    openFromMin: 0,
    openToMin: 1_440,
    active: true,
    acceptsAreaIds: [],
    note: 'location not published; placed at the Ciruas centroid (ASSUMPTION)',
  });

  return facilities;
}
