import type { BinKind, Facility, Vehicle } from '../../../src/domain/registry.js';
import { haversineKm } from '../../../src/routing/distance/haversine.js';
import type {
  PickupCandidate,
  PickupPriority,
  PlanRequest,
} from '../../../src/routing/plan-types.js';

const ORIGIN = { lat: -6.1, lon: 106.2 };

/** A point `east` km east and `north` km north of a spot in Serang. */
export function at(eastKm: number, northKm: number): { lat: number; lon: number } {
  return { lat: ORIGIN.lat + northKm / 111.2, lon: ORIGIN.lon + eastKm / 110.6 };
}

export function site(
  id: string,
  kind: Facility['kind'],
  xy: [number, number],
  extra: Partial<Facility> = {},
): Facility {
  return {
    id,
    name: id,
    kind,
    ...at(xy[0], xy[1]),
    dailyCapTonnes: null,
    openDays: [1, 2, 3, 4, 5, 6, 7],
    openFromMin: 0,
    openToMin: 24 * 60,
    acceptsAreaIds: [],
    active: true,
    note: '',
    ...extra,
  };
}

export function truck(id: string, kind: Vehicle['kind'], extra: Partial<Vehicle> = {}): Vehicle {
  const size =
    kind === 'three-wheeler'
      ? { capacityM3: 1.5, capacityKg: 375 }
      : { capacityM3: 6, capacityKg: 1500 };

  return { id, kind, ...size, depotId: 'depot', available: true, maxTrips: 2, ...extra };
}

export function bin(
  id: string,
  xy: [number, number],
  kind: BinKind = 'wheelie-660',
  priority: PickupPriority = 'routine',
  volumeM3 = 0.6,
  areaId = 'area-a',
): PickupCandidate {
  return {
    binId: id,
    areaId,
    areaName: areaId,
    siteName: `site ${id}`,
    kind,
    landUse: 'residential',
    priority,
    reason: `test ${priority}`,
    expectedFillPct: 90,
    expectedVolumeM3: volumeM3,
    expectedWeightKg: volumeM3 * 250,
    ...at(xy[0], xy[1]),
  };
}

/** A request with a depot at the origin; 2026-03-02 is a Monday, 2026-03-01 a Sunday. */
export function request(
  parts: Partial<PlanRequest> & Pick<PlanRequest, 'candidates'>,
): PlanRequest {
  return {
    date: '2026-03-02',
    vehicles: [truck('t1', 'dump-truck')],
    crews: [],
    facilities: [site('depot', 'depot', [0, 0]), site('tpa', 'TPA', [10, 0])],
    roadFactor: 1.3,
    speedKmh: 30,
    timeLimitMs: 200,
    seed: 1,
    ...parts,
  };
}

export const roadKm =
  (req: PlanRequest) =>
  (a: { lat: number; lon: number }, b: { lat: number; lon: number }): number =>
    haversineKm(a, b) * req.roadFactor;
