import { googleMapsLink } from '../shared/geo.js';
import { clockTime } from '../shared/wib.js';
import type { PlanResult } from './plan-types.js';

export interface PickupStop {
  order: number;
  trip: number;
  type: 'pickup' | 'disposal';
  binId: string | null;
  facilityId: string | null;
  name: string;
  kecamatan: string | null;
  lat: number;
  lon: number;
  eta: string;
  expectedFillPct: number | null;
  expectedVolumeM3: number;
  reason: string | null;
  navigationUrl: string;
}

export interface PickupList {
  date: string;
  crewId: string;
  vehicleId: string;
  stops: PickupStop[];
}

/** A crew's ordered stops for a date, as the crew page, the CSV and MQTT carry them. */
export function crewPickupList(
  plan: PlanResult,
  crewId: string,
  fillOf: (binId: string) => number | null,
): PickupList | null {
  const vehicle = plan.vehicles.find((v) => v.crewId === crewId);
  if (!vehicle) return null;

  const stops: PickupStop[] = [];
  vehicle.trips.forEach((trip, t) => {
    for (const stop of trip.stops) {
      if (stop.type === 'depot') continue;
      const pickup = stop.type === 'pickup';
      stops.push({
        order: stops.length + 1,
        trip: t + 1,
        type: stop.type,
        binId: pickup ? stop.refId : null,
        facilityId: pickup ? null : stop.refId,
        name: stop.name,
        kecamatan: stop.areaName,
        lat: stop.lat,
        lon: stop.lon,
        eta: clockTime(stop.etaMin),
        expectedFillPct: pickup ? (stop.expectedFillPct ?? fillOf(stop.refId)) : null,
        expectedVolumeM3: stop.expectedVolumeM3,
        reason: stop.reason,
        navigationUrl: googleMapsLink(stop),
      });
    }
  });

  return { date: plan.date, crewId, vehicleId: vehicle.vehicleId, stops };
}

const CSV_COLUMNS: (keyof PickupStop)[] = [
  'order',
  'trip',
  'type',
  'binId',
  'facilityId',
  'name',
  'kecamatan',
  'lat',
  'lon',
  'eta',
  'expectedFillPct',
  'expectedVolumeM3',
  'reason',
  'navigationUrl',
];

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);

  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function pickupListCsv(list: PickupList): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const stop of list.stops) lines.push(CSV_COLUMNS.map((c) => csvCell(stop[c])).join(','));

  return `${lines.join('\n')}\n`;
}
