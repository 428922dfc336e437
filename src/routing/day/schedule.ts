import type { DayModel } from './model.js';

/** A bin placed virtually into a vehicle's trips without copying them. */
export interface VirtualInsertion {
  /** Trip index; `trips.length` opens a new trip after the last one. */
  trip: number;
  pos: number;
  bin: number;
}

/** Constraints to ignore, used only to explain why a bin could not be served. */
export interface Relaxation {
  ignoreCaps?: boolean;
  ignoreShift?: boolean;
}

const EPS = 1e-9;
const NO_RELAX: Relaxation = {};
const EMPTY: readonly number[] = [];

/**
 * Times a vehicle's day (depot, trips each ending at a disposal site, depot) and picks each
 * trip's disposal site: the cheapest detour that accepts the load, is open on arrival and
 * still has cap left. One instance per model: it reuses scratch arrays.
 */
export class ScheduleEvaluator {
  /** Kilograms this vehicle delivers per disposal site in the last feasible evaluation. */
  readonly usedKg: Float64Array;
  /** Disposal index chosen for each trip in the last feasible evaluation. */
  readonly tripDisposal: number[] = [];
  endMin = 0;

  constructor(private readonly model: DayModel) {
    this.usedKg = new Float64Array(model.disposals.length);
  }

  /**
   * Kilometres driven by vehicle `vi` with `trips` (plus `ins` if given), or Infinity when the
   * day is infeasible. `capLeftKg` is what each site can still take from this vehicle.
   */
  evaluate(
    vi: number,
    trips: readonly (readonly number[])[],
    capLeftKg: Float64Array,
    ins: VirtualInsertion | null = null,
    relax: Relaxation = NO_RELAX,
  ): number {
    const { model, usedKg } = this;
    const v = model.vehicles[vi]!;
    const n = model.matrix.size;
    const km = model.matrix.distanceKm;
    const mins = model.matrix.durationMin;
    const bins = model.bins;
    const capM3 = v.vehicle.capacityM3 + EPS;
    const capKg = v.vehicle.capacityKg + EPS;
    const checkLoad = v.maxStopsPerTrip !== 1;
    const tripCount = trips.length + (ins !== null && ins.trip === trips.length ? 1 : 0);

    usedKg.fill(0);
    this.tripDisposal.length = tripCount;
    let time = v.shiftStartMin;
    let loc = v.depotNode;
    let dist = 0;
    for (let t = 0; t < tripCount; t++) {
      const trip = t < trips.length ? trips[t]! : EMPTY;
      const insPos = ins !== null && ins.trip === t ? ins.pos : -1;
      const len = trip.length + (insPos >= 0 ? 1 : 0);
      if (len === 0 || len > v.maxStopsPerTrip) return Number.POSITIVE_INFINITY;

      let volM3 = 0;
      let loadKg = 0;
      for (let k = 0; k < len; k++) {
        const bin = bins[binAt(trip, insPos, ins, k)]!;
        dist += km[loc * n + bin.node]!;
        time += mins[loc * n + bin.node]! * v.timeScale + bin.serviceMin;
        volM3 += bin.volumeM3;
        loadKg += bin.weightKg;
        loc = bin.node;
      }
      if (checkLoad && (volM3 > capM3 || loadKg > capKg)) return Number.POSITIVE_INFINITY;

      const nextNode = t + 1 < tripCount ? this.firstNode(trips, t + 1, ins) : v.depotNode;
      let best = -1;
      let bestCost = Number.POSITIVE_INFINITY;
      let bestDone = 0;
      for (const d of v.disposals) {
        const site = model.disposals[d]!;
        if (!relax.ignoreCaps && usedKg[d]! + loadKg > capLeftKg[d]! + EPS) continue;
        if (site.areaIds !== null && !this.areasAccepted(site.areaIds, trip, insPos, ins, len)) {
          continue;
        }

        const arrive = time + mins[loc * n + site.node]! * v.timeScale;
        const done = Math.max(arrive, site.facility.openFromMin) + site.tippingMin;
        if (done > site.facility.openToMin + EPS) continue;

        const cost = km[loc * n + site.node]! + km[site.node * n + nextNode]!;
        if (cost < bestCost) {
          best = d;
          bestCost = cost;
          bestDone = done;
        }
      }
      if (best < 0) return Number.POSITIVE_INFINITY;

      const site = model.disposals[best]!;
      usedKg[best] = usedKg[best]! + loadKg;
      dist += km[loc * n + site.node]!;
      time = bestDone;
      loc = site.node;
      this.tripDisposal[t] = best;
    }

    dist += km[loc * n + v.depotNode]!;
    time += mins[loc * n + v.depotNode]! * v.timeScale;
    if (!relax.ignoreShift && time > v.shiftEndMin + EPS) return Number.POSITIVE_INFINITY;

    this.endMin = time;

    return dist;
  }

  private firstNode(
    trips: readonly (readonly number[])[],
    t: number,
    ins: VirtualInsertion | null,
  ): number {
    const trip = t < trips.length ? trips[t]! : EMPTY;
    const insPos = ins !== null && ins.trip === t ? ins.pos : -1;

    return this.model.bins[binAt(trip, insPos, ins, 0)]!.node;
  }

  private areasAccepted(
    areaIds: ReadonlySet<string>,
    trip: readonly number[],
    insPos: number,
    ins: VirtualInsertion | null,
    len: number,
  ): boolean {
    for (let k = 0; k < len; k++) {
      if (!areaIds.has(this.model.bins[binAt(trip, insPos, ins, k)]!.candidate.areaId)) {
        return false;
      }
    }

    return true;
  }
}

function binAt(
  trip: readonly number[],
  insPos: number,
  ins: VirtualInsertion | null,
  k: number,
): number {
  if (insPos < 0 || k < insPos) return trip[k]!;
  if (k === insPos) return ins!.bin;

  return trip[k - 1]!;
}
