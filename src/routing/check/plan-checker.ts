/**
 * Checks a day plan against its request without using any planner code: every candidate is
 * either on exactly one trip or listed as unserved; loads, shifts, opening days and hours,
 * daily caps, vehicle/site rules and the reported distances all hold.
 */
import type { GeoPoint } from '../../domain/registry.js';
import { canLift, canUnloadAt, DEFAULT_SHIFT, isoWeekday, maxStopsPerTrip } from '../day/rules.js';
import type { PlanRequest, PlanResult } from '../plan-types.js';

export interface PlanCheck {
  ok: boolean;
  problems: string[];
}

const EPS = 1e-6;

export function checkPlan(
  request: PlanRequest,
  plan: PlanResult,
  distanceKm: (a: GeoPoint, b: GeoPoint) => number,
): PlanCheck {
  const problems: string[] = [];
  const weekday = isoWeekday(request.date);
  const bins = new Map(request.candidates.map((c) => [c.binId, c]));
  const facilities = new Map(request.facilities.map((f) => [f.id, f]));
  const blocked = new Set(request.blockedFacilityIds ?? []);
  const seen = new Map<string, number>();
  const deliveredKg = new Map<string, number>();

  for (const vp of plan.vehicles) {
    const vehicle = request.vehicles.find((v) => v.id === vp.vehicleId);
    if (!vehicle) {
      problems.push(`unknown vehicle ${vp.vehicleId}`);
      continue;
    }
    if (vp.trips.length > 0 && !vehicle.available) problems.push(`${vehicle.id} is unavailable`);
    if (vp.trips.length > vehicle.maxTrips) problems.push(`${vehicle.id} makes too many trips`);

    const crew = request.crews.find((c) => c.vehicleId === vehicle.id);
    const shiftEnd = crew?.shiftEndMin ?? DEFAULT_SHIFT.endMin;
    let lastEta = Number.NEGATIVE_INFINITY;
    let vehicleKm = 0;
    let prev: GeoPoint | null = null;
    vp.trips.forEach((trip, t) => {
      let pickups = 0;
      let volM3 = 0;
      let loadKg = 0;
      let tripKm = 0;
      for (const stop of trip.stops) {
        if (prev !== null) tripKm += distanceKm(prev, stop);
        prev = stop;
        if (stop.etaMin + EPS < lastEta) problems.push(`${vehicle.id} trip ${t}: ETA goes back`);
        lastEta = stop.etaMin;
        if (stop.etaMin > shiftEnd + EPS) problems.push(`${vehicle.id} works after its shift`);

        if (stop.type === 'pickup') {
          const bin = bins.get(stop.refId);
          if (!bin) {
            problems.push(`${vehicle.id} picks up unknown bin ${stop.refId}`);
            continue;
          }
          seen.set(bin.binId, (seen.get(bin.binId) ?? 0) + 1);
          pickups++;
          volM3 += bin.expectedVolumeM3;
          loadKg += bin.expectedWeightKg;
          if (!canLift(vehicle.kind, bin.kind))
            problems.push(`${vehicle.id} cannot lift ${bin.kind}`);
          if (Math.abs(stop.loadAfterKg - loadKg) > 1) problems.push(`${vehicle.id}: wrong load`);
        }
      }

      const site = facilities.get(trip.disposalFacilityId);
      const last = trip.stops.filter((s) => s.type === 'disposal').at(-1);
      if (!site || !last || last.refId !== site.id) {
        problems.push(`${vehicle.id} trip ${t} does not end at its disposal site`);
        return;
      }
      if (!canUnloadAt(vehicle.kind, site.kind))
        problems.push(`${vehicle.id} unloads at ${site.kind}`);
      if (!site.active || blocked.has(site.id) || !site.openDays.includes(weekday)) {
        problems.push(`${vehicle.id} unloads at ${site.id}, which is closed or blocked today`);
      }
      if (last.etaMin > site.openToMin + EPS)
        problems.push(`${vehicle.id} reaches ${site.id} after closing`);
      const areas = request.facilityAreaIds?.[site.id];
      for (const stop of trip.stops) {
        const bin = stop.type === 'pickup' ? bins.get(stop.refId) : undefined;
        if (bin && areas && !areas.includes(bin.areaId)) {
          problems.push(`${site.id} does not accept waste from ${bin.areaId}`);
        }
      }
      if (pickups === 0) problems.push(`${vehicle.id} trip ${t} collects nothing`);
      if (pickups > maxStopsPerTrip(vehicle.kind))
        problems.push(`${vehicle.id} trip ${t}: too many stops`);
      if (maxStopsPerTrip(vehicle.kind) > 1 && volM3 > vehicle.capacityM3 + EPS) {
        problems.push(`${vehicle.id} trip ${t} over volume: ${volM3} m3`);
      }
      if (maxStopsPerTrip(vehicle.kind) > 1 && loadKg > vehicle.capacityKg + EPS) {
        problems.push(`${vehicle.id} trip ${t} over weight: ${loadKg} kg`);
      }
      deliveredKg.set(site.id, (deliveredKg.get(site.id) ?? 0) + loadKg);
      if (Math.abs(tripKm - trip.distanceKm) > 0.01) {
        problems.push(
          `${vehicle.id} trip ${t}: distance ${trip.distanceKm} km, recomputed ${tripKm}`,
        );
      }
      vehicleKm += tripKm;
    });
    if (Math.abs(vehicleKm - vp.distanceKm) > 0.05) problems.push(`${vehicle.id}: wrong total km`);
  }

  for (const [id, kg] of deliveredKg) {
    const site = facilities.get(id)!;
    const already = request.deliveredTonnes?.[id] ?? 0;
    if (site.dailyCapTonnes !== null && already + kg / 1000 > site.dailyCapTonnes + EPS) {
      problems.push(`${id} over its daily cap: ${already + kg / 1000} t`);
    }
  }

  const unserved = new Set<string>();
  for (const u of plan.unserved) {
    if (unserved.has(u.binId)) problems.push(`${u.binId} listed unserved twice`);
    unserved.add(u.binId);
    if (!u.reason) problems.push(`${u.binId} unserved without a reason`);
  }
  for (const c of request.candidates) {
    const times = seen.get(c.binId) ?? 0;
    if (times > 1) problems.push(`${c.binId} collected ${times} times`);
    if (times === 1 && unserved.has(c.binId)) problems.push(`${c.binId} both served and unserved`);
    if (times === 0 && !unserved.has(c.binId)) problems.push(`${c.binId} silently dropped`);
  }

  return { ok: problems.length === 0, problems };
}
