import type { BinKind, Crew, Facility, GeoPoint, LandUse, Vehicle } from '../domain/registry.js';

/** Why a bin is a candidate for today's collection, most urgent first. */
export type PickupPriority = 'overflowing' | 'predicted' | 'routine';

/** A bin selected for collection, with what the planner needs to know about it. */
export interface PickupCandidate extends GeoPoint {
  binId: string;
  areaId: string;
  areaName: string;
  siteName: string;
  kind: BinKind;
  landUse: LandUse;
  priority: PickupPriority;
  /** Human-readable reason it was selected, e.g. "fill 92 % >= 80 %". */
  reason: string;
  /** Expected fill when the crew arrives. */
  expectedFillPct: number;
  expectedVolumeM3: number;
  expectedWeightKg: number;
}

export interface PlanRequest {
  /** Local (WIB) date being planned, YYYY-MM-DD. */
  date: string;
  candidates: PickupCandidate[];
  vehicles: Vehicle[];
  crews: Crew[];
  /** All facilities: depots, disposal sites (TPA, TPST, TPS3R) with caps and hours. */
  facilities: Facility[];
  /** Tonnes already delivered today per facility id (shared daily caps). */
  deliveredTonnes?: Record<string, number>;
  /** Facility ids refusing waste today (disposal blocked). */
  blockedFacilityIds?: string[];
  /**
   * Facilities that only take loads from some areas (e.g. TPST Kibin takes Kibin's waste):
   * facility id -> accepted area ids. Facilities not listed accept every area.
   */
  facilityAreaIds?: Record<string, string[]>;
  roadFactor: number;
  speedKmh: number;
  timeLimitMs: number;
  seed: number;
}

export interface PlannedStop extends GeoPoint {
  type: 'pickup' | 'disposal' | 'depot';
  /** Bin id for pickups, facility id for disposal and depot visits. */
  refId: string;
  name: string;
  areaName: string | null;
  /** Minutes after local midnight. */
  etaMin: number;
  loadAfterM3: number;
  loadAfterKg: number;
  expectedVolumeM3: number;
  /** Fill expected when the crew arrives (pickups; absent in plans stored before it existed). */
  expectedFillPct?: number | null;
  reason: string | null;
}

export interface PlannedTrip {
  stops: PlannedStop[];
  disposalFacilityId: string;
  distanceKm: number;
}

export interface VehiclePlan {
  vehicleId: string;
  vehicleKind: Vehicle['kind'];
  crewId: string | null;
  trips: PlannedTrip[];
  distanceKm: number;
  durationMin: number;
  collectedM3: number;
  collectedKg: number;
}

export interface FacilityLoad {
  facilityId: string;
  name: string;
  plannedTonnes: number;
  capTonnes: number | null;
  /** Tonnes delivered earlier today (from the request), which count against the cap too. */
  alreadyDeliveredTonnes?: number;
}

export interface UnservedBin {
  binId: string;
  priority: PickupPriority;
  reason: string;
}

export interface PlanResult {
  date: string;
  vehicles: VehiclePlan[];
  facilities: FacilityLoad[];
  unserved: UnservedBin[];
  totals: { distanceKm: number; durationMin: number; collectedKg: number; fuelLitres: number };
}
