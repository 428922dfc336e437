import type {
  PlannedStop,
  PlannedTrip,
  PlanResult,
  UnservedBin,
  VehiclePlan,
} from '../plan-types.js';
import { fuelLitresPerKm } from './rules.js';
import type { DaySolution } from './solution.js';

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Replays one vehicle's day with the chosen disposal sites: stops, ETAs and loads. */
function vehiclePlan(solution: DaySolution, vi: number): VehiclePlan {
  const model = solution.model;
  const v = model.vehicles[vi]!;
  const n = model.matrix.size;
  const km = model.matrix.distanceKm;
  const mins = model.matrix.durationMin;
  const depot = model.facilities[v.depotNode]!;
  const trips: PlannedTrip[] = [];
  let time = v.shiftStartMin;
  let loc = v.depotNode;
  let collectedM3 = 0;
  let collectedKg = 0;
  let totalKm = 0;

  const tripList = solution.trips[vi]!;
  tripList.forEach((trip, t) => {
    const stops: PlannedStop[] = [];
    let tripKm = 0;
    let loadM3 = 0;
    let loadKg = 0;
    const drive = (to: number): void => {
      tripKm += km[loc * n + to]!;
      time += mins[loc * n + to]! * v.timeScale;
      loc = to;
    };

    if (t === 0) {
      stops.push(facilityStop('depot', depot, time, 0, 0));
    }
    for (const b of trip) {
      const bin = model.bins[b]!;
      drive(bin.node);
      loadM3 += bin.volumeM3;
      loadKg += bin.weightKg;
      const c = bin.candidate;
      stops.push({
        type: 'pickup',
        refId: c.binId,
        name: c.siteName,
        areaName: c.areaName,
        lat: c.lat,
        lon: c.lon,
        etaMin: round(time, 1),
        loadAfterM3: round(loadM3, 3),
        loadAfterKg: round(loadKg, 1),
        expectedVolumeM3: c.expectedVolumeM3,
        expectedFillPct: round(c.expectedFillPct, 1),
        reason: `${c.priority}: ${c.reason}`,
      });
      time += bin.serviceMin;
    }
    collectedM3 += loadM3;
    collectedKg += loadKg;

    const site = model.disposals[solution.tripDisposal[vi]![t]!]!;
    drive(site.node);
    stops.push(facilityStop('disposal', site.facility, time, 0, 0));
    time = Math.max(time, site.facility.openFromMin) + site.tippingMin;

    if (t === tripList.length - 1) {
      drive(v.depotNode);
      stops.push(facilityStop('depot', depot, time, 0, 0));
    }
    totalKm += tripKm;
    trips.push({ stops, disposalFacilityId: site.facility.id, distanceKm: round(tripKm, 3) });
  });

  return {
    vehicleId: v.vehicle.id,
    vehicleKind: v.vehicle.kind,
    crewId: v.crewId,
    trips,
    distanceKm: round(totalKm, 3),
    durationMin: tripList.length > 0 ? round(time - v.shiftStartMin, 1) : 0,
    collectedM3: round(collectedM3, 3),
    collectedKg: round(collectedKg, 1),
  };
}

function facilityStop(
  type: 'depot' | 'disposal',
  f: { id: string; name: string; lat: number; lon: number },
  etaMin: number,
  loadAfterM3: number,
  loadAfterKg: number,
): PlannedStop {
  return {
    type,
    refId: f.id,
    name: f.name,
    areaName: null,
    lat: f.lat,
    lon: f.lon,
    etaMin: round(etaMin, 1),
    loadAfterM3,
    loadAfterKg,
    expectedVolumeM3: 0,
    expectedFillPct: null,
    reason: null,
  };
}

export function toPlanResult(solution: DaySolution, unserved: UnservedBin[]): PlanResult {
  const model = solution.model;
  const vehicles = model.vehicles.map((_, vi) => vehiclePlan(solution, vi));

  const facilities = model.disposals.map((d, i) => ({
    facilityId: d.facility.id,
    name: d.facility.name,
    plannedTonnes: round(solution.totalKg[i]! / 1000, 3),
    capTonnes: d.facility.dailyCapTonnes,
    alreadyDeliveredTonnes: d.deliveredTonnes,
  }));

  let fuelLitres = 0;
  vehicles.forEach((plan) => {
    fuelLitres += plan.distanceKm * fuelLitresPerKm(plan.vehicleKind);
  });

  return {
    date: model.date,
    vehicles,
    facilities,
    unserved,
    totals: {
      distanceKm: round(sum(vehicles.map((p) => p.distanceKm)), 3),
      durationMin: round(sum(vehicles.map((p) => p.durationMin)), 1),
      collectedKg: round(sum(vehicles.map((p) => p.collectedKg)), 1),
      fuelLitres: round(fuelLitres, 1),
    },
  };
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
