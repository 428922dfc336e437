import type { StoredPlan } from '../../../src/routing/plan-repo.js';
import type { PlannedStop, PlanResult } from '../../../src/routing/plan-types.js';

function stop(type: PlannedStop['type'], refId: string, etaMin: number): PlannedStop {
  return {
    type,
    refId,
    name: refId,
    areaName: type === 'pickup' ? 'Kibin' : null,
    etaMin,
    lat: -6.15,
    lon: 106.35,
    loadAfterM3: 0,
    loadAfterKg: 0,
    expectedVolumeM3: 0.5,
    reason: type === 'pickup' ? 'fill 85 % >= 80 %' : null,
  };
}

/** A PlanResult for `date` with one truck visiting `binIds` in two trips. */
export function planFor(date: string, binIds: string[]): PlanResult {
  const half = Math.ceil(binIds.length / 2);
  const trip = (ids: string[], startMin: number) => ({
    stops: [
      stop('depot', 'depot-kibin', startMin),
      ...ids.map((id, i) => stop('pickup', id, startMin + 10 * (i + 1))),
      stop('disposal', 'tpa-cilowong', startMin + 120),
    ],
    disposalFacilityId: 'tpa-cilowong',
    distanceKm: 40,
  });

  return {
    date,
    vehicles: [
      {
        vehicleId: 'truck-1',
        vehicleKind: 'dump-truck',
        crewId: 'crew-1',
        trips: [trip(binIds.slice(0, half), 300), trip(binIds.slice(half), 480)],
        distanceKm: 80,
        durationMin: 400,
        collectedM3: 6,
        collectedKg: 1500,
      },
    ],
    facilities: [],
    unserved: [],
    totals: { distanceKm: 80, durationMin: 400, collectedKg: 1500, fuelLitres: 20 },
  };
}

/** What `GET /api/v1/plans/{date}` answers for that plan: the plan wrapped with its origin. */
export function storedPlanFor(date: string, binIds: string[]): StoredPlan {
  return {
    date,
    createdAt: Date.parse(`${date}T04:00:00+07:00`),
    trigger: 'api',
    plan: planFor(date, binIds),
  };
}
