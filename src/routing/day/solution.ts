import type { DayModel } from './model.js';
import type { ScheduleEvaluator } from './schedule.js';

/** Penalty per unserved bin by priority rank, in km: serving always beats any detour. */
export const UNSERVED_PENALTY_KM = [1_000_000, 10_000, 1_000] as const;

/**
 * Who collects what: per vehicle its trips (bin indexes in visiting order), with the disposal
 * site of each trip, kilometres, and the kilograms it brings to each site (shared caps).
 */
export class DaySolution {
  readonly trips: number[][][];
  readonly tripDisposal: number[][];
  readonly vehicleKm: Float64Array;
  readonly vehicleEndMin: Float64Array;
  /** vehicleKg[v * D + d]: kilograms vehicle v unloads at disposal d. */
  readonly vehicleKg: Float64Array;
  readonly totalKg: Float64Array;
  /** Vehicle index serving each bin, -1 when unserved. */
  readonly binVehicle: Int32Array;

  constructor(readonly model: DayModel) {
    const vehicles = model.vehicles.length;
    const disposals = model.disposals.length;
    this.trips = model.vehicles.map(() => []);
    this.tripDisposal = model.vehicles.map(() => []);
    this.vehicleKm = new Float64Array(vehicles);
    this.vehicleEndMin = new Float64Array(vehicles);
    this.vehicleKg = new Float64Array(vehicles * disposals);
    this.totalKg = new Float64Array(disposals);
    this.binVehicle = new Int32Array(model.bins.length).fill(-1);
  }

  /** What each disposal site can still take from vehicle `vi`, into `out`. */
  capLeftFor(vi: number, out: Float64Array): Float64Array {
    const disposals = this.model.disposals;
    const base = vi * disposals.length;
    for (let d = 0; d < disposals.length; d++) {
      out[d] = disposals[d]!.capLeftKg - this.totalKg[d]! + this.vehicleKg[base + d]!;
    }

    return out;
  }

  /**
   * Re-times vehicle `vi` after its trips changed and records its kilometres and deliveries.
   * Returns false (and records nothing) if the new trips are infeasible.
   */
  commitVehicle(vi: number, evaluator: ScheduleEvaluator, capLeft: Float64Array): boolean {
    const trips = this.trips[vi]!;
    const km = evaluator.evaluate(vi, trips, this.capLeftFor(vi, capLeft));
    if (!Number.isFinite(km)) return false;

    const disposals = this.model.disposals.length;
    const base = vi * disposals;
    for (let d = 0; d < disposals; d++) {
      this.totalKg[d] = this.totalKg[d]! - this.vehicleKg[base + d]! + evaluator.usedKg[d]!;
      this.vehicleKg[base + d] = evaluator.usedKg[d]!;
    }
    this.vehicleKm[vi] = km;
    this.vehicleEndMin[vi] =
      trips.length > 0 ? evaluator.endMin : this.model.vehicles[vi]!.shiftStartMin;
    this.tripDisposal[vi] = evaluator.tripDisposal.slice(0, trips.length);
    for (const trip of trips) for (const b of trip) this.binVehicle[b] = vi;

    return true;
  }

  /** Removes bin `b` from its trip (dropping the trip if it empties); caller re-commits. */
  removeBin(b: number): number {
    const vi = this.binVehicle[b]!;
    if (vi < 0) return -1;

    const trips = this.trips[vi]!;
    for (let t = 0; t < trips.length; t++) {
      const k = trips[t]!.indexOf(b);
      if (k < 0) continue;

      trips[t]!.splice(k, 1);
      if (trips[t]!.length === 0) trips.splice(t, 1);
      break;
    }
    this.binVehicle[b] = -1;

    return vi;
  }

  objective(): number {
    let total = 0;
    for (const km of this.vehicleKm) total += km;
    this.binVehicle.forEach((vi, b) => {
      if (vi < 0) total += UNSERVED_PENALTY_KM[this.model.bins[b]!.priorityRank]!;
    });

    return total;
  }

  copyFrom(other: DaySolution): void {
    other.trips.forEach((trips, vi) => {
      this.trips[vi] = trips.map((t) => t.slice());
      this.tripDisposal[vi] = other.tripDisposal[vi]!.slice();
    });
    this.vehicleKm.set(other.vehicleKm);
    this.vehicleEndMin.set(other.vehicleEndMin);
    this.vehicleKg.set(other.vehicleKg);
    this.totalKg.set(other.totalKg);
    this.binVehicle.set(other.binVehicle);
  }

  clone(): DaySolution {
    const copy = new DaySolution(this.model);
    copy.copyFrom(this);

    return copy;
  }
}
