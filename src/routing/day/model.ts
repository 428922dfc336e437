import type { Facility, Vehicle } from '../../domain/registry.js';
import type { TravelMatrix } from '../distance/travel-matrix.js';
import type { PickupCandidate, PickupPriority, PlanRequest } from '../plan-types.js';
import {
  canLift,
  canUnloadAt,
  DEFAULT_SHIFT,
  DISPOSAL_KINDS,
  isoWeekday,
  maxStopsPerTrip,
  serviceMin,
  speedFactor,
  tippingMin,
} from './rules.js';

/** Bad planning input that the caller must fix (unknown depot, missing coordinates, ...). */
export class PlanInputError extends Error {
  override readonly name = 'PlanInputError';
}

export const PRIORITY_RANK: Record<PickupPriority, number> = {
  overflowing: 0,
  predicted: 1,
  routine: 2,
};

export interface DayBin {
  /** Node index in the travel matrix. */
  node: number;
  candidate: PickupCandidate;
  volumeM3: number;
  weightKg: number;
  serviceMin: number;
  priorityRank: number;
}

export interface DayDisposal {
  node: number;
  facility: Facility;
  tippingMin: number;
  /** What this plan may still deliver today; Infinity when the site has no cap. */
  capLeftKg: number;
  /** Tonnes delivered earlier today, from the request. */
  deliveredTonnes: number;
  /** Null when the site can take waste today, otherwise why not (closed, blocked, ...). */
  unusableReason: string | null;
  /** Area ids accepted, or null for every area. */
  areaIds: ReadonlySet<string> | null;
}

export interface DayVehicle {
  vehicle: Vehicle;
  crewId: string | null;
  depotNode: number;
  shiftStartMin: number;
  shiftEndMin: number;
  /** Minutes per matrix minute: slower vehicles take longer on the same road. */
  timeScale: number;
  maxStopsPerTrip: number;
  /** Indexes into DayModel.disposals this vehicle may unload at today. */
  disposals: number[];
}

/**
 * The day's planning problem in index form: matrix nodes are the facilities (in request
 * order) followed by the candidates.
 */
export interface DayModel {
  date: string;
  weekday: number;
  matrix: TravelMatrix;
  facilities: Facility[];
  disposals: DayDisposal[];
  bins: DayBin[];
  vehicles: DayVehicle[];
  /** All vehicles in the request, including unavailable ones, for unserved reasons. */
  allVehicles: Vehicle[];
  /** binVehicleOk[b * vehicles.length + v]: vehicle v can lift bin b. */
  binVehicleOk: Uint8Array;
}

/** Points in matrix order: facilities first, then candidates. */
export function modelPoints(request: PlanRequest): { lat: number; lon: number }[] {
  return [...request.facilities, ...request.candidates].map((p) => ({ lat: p.lat, lon: p.lon }));
}

function checkPoint(what: string, lat: unknown, lon: unknown): void {
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat + lon)) {
    throw new PlanInputError(`${what} has no usable coordinates (lat ${lat}, lon ${lon})`);
  }
}

function disposalReason(facility: Facility, weekday: number, blocked: Set<string>): string | null {
  if (!facility.active) return `${facility.name} is not active`;
  if (blocked.has(facility.id)) return `${facility.name} refuses waste today`;
  if (!facility.openDays.includes(weekday)) return `${facility.name} is closed on day ${weekday}`;

  return null;
}

export function buildDayModel(request: PlanRequest, matrix: TravelMatrix): DayModel {
  const weekday = isoWeekday(request.date);
  const facilities = request.facilities;
  const nodeCount = facilities.length + request.candidates.length;
  if (matrix.size !== nodeCount) {
    throw new PlanInputError(`travel matrix has ${matrix.size} points, expected ${nodeCount}`);
  }

  const blocked = new Set(request.blockedFacilityIds ?? []);
  const delivered = request.deliveredTonnes ?? {};
  const disposals: DayDisposal[] = [];
  facilities.forEach((facility, node) => {
    if (!DISPOSAL_KINDS.includes(facility.kind)) return;
    checkPoint(`facility ${facility.id}`, facility.lat, facility.lon);

    const capT = facility.dailyCapTonnes;
    const areaIds = request.facilityAreaIds?.[facility.id];
    disposals.push({
      node,
      facility,
      tippingMin: tippingMin(facility.kind),
      deliveredTonnes: delivered[facility.id] ?? 0,
      capLeftKg:
        capT === null
          ? Number.POSITIVE_INFINITY
          : Math.max(0, capT - (delivered[facility.id] ?? 0)) * 1000,
      unusableReason: disposalReason(facility, weekday, blocked),
      areaIds: areaIds ? new Set(areaIds) : null,
    });
  });

  const bins: DayBin[] = request.candidates.map((candidate, i) => {
    checkPoint(`bin ${candidate.binId}`, candidate.lat, candidate.lon);
    if (!(candidate.expectedVolumeM3 >= 0) || !(candidate.expectedWeightKg >= 0)) {
      throw new PlanInputError(`bin ${candidate.binId} has a negative or missing volume/weight`);
    }

    return {
      node: facilities.length + i,
      candidate,
      volumeM3: candidate.expectedVolumeM3,
      weightKg: candidate.expectedWeightKg,
      serviceMin: serviceMin(candidate.kind),
      priorityRank: PRIORITY_RANK[candidate.priority],
    };
  });

  const facilityNode = new Map(facilities.map((f, node) => [f.id, node]));
  const vehicles: DayVehicle[] = [];
  for (const vehicle of request.vehicles) {
    if (!vehicle.available) continue;

    const depotNode = facilityNode.get(vehicle.depotId);
    if (depotNode === undefined) {
      throw new PlanInputError(`vehicle ${vehicle.id} has unknown depot ${vehicle.depotId}`);
    }
    checkPoint(`depot ${vehicle.depotId}`, facilities[depotNode]!.lat, facilities[depotNode]!.lon);

    const crew = request.crews.find((c) => c.vehicleId === vehicle.id) ?? null;
    vehicles.push({
      vehicle,
      crewId: crew?.id ?? null,
      depotNode,
      shiftStartMin: crew?.shiftStartMin ?? DEFAULT_SHIFT.startMin,
      shiftEndMin: crew?.shiftEndMin ?? DEFAULT_SHIFT.endMin,
      timeScale: 1 / speedFactor(vehicle.kind),
      maxStopsPerTrip: maxStopsPerTrip(vehicle.kind),
      disposals: disposals.flatMap((d, i) =>
        d.unusableReason === null && canUnloadAt(vehicle.kind, d.facility.kind) ? [i] : [],
      ),
    });
  }

  const binVehicleOk = new Uint8Array(bins.length * vehicles.length);
  bins.forEach((bin, b) => {
    vehicles.forEach((v, vi) => {
      // An arm-roll truck swaps the whole skip, however full it is.
      const fits =
        v.maxStopsPerTrip === 1 ||
        (bin.volumeM3 <= v.vehicle.capacityM3 + 1e-9 &&
          bin.weightKg <= v.vehicle.capacityKg + 1e-9);
      binVehicleOk[b * vehicles.length + vi] =
        canLift(v.vehicle.kind, bin.candidate.kind) && fits ? 1 : 0;
    });
  });

  return {
    date: request.date,
    weekday,
    matrix,
    facilities,
    disposals,
    bins,
    vehicles,
    allVehicles: request.vehicles,
    binVehicleOk,
  };
}
