import type { Rng } from '../engine/rng.js';
import type { Relaxation, ScheduleEvaluator, VirtualInsertion } from './schedule.js';
import type { DaySolution } from './solution.js';

export interface InsertionChoice extends VirtualInsertion {
  vehicle: number;
  deltaKm: number;
}

export interface InsertionOptions {
  /** Check every position until a feasible one is found (final pass, explanations). */
  exhaustive?: boolean;
  relax?: Relaxation;
  /** Probability of skipping a position (SISR "blinks"), needs `rng`. */
  blinkRate?: number;
  rng?: Rng;
}

/** Full evaluations tried per insertion outside exhaustive mode: bounds the time per bin. */
const MAX_FULL_EVALUATIONS = 48;
/** Stop once this many feasible positions were fully evaluated. */
const ENOUGH_FEASIBLE = 4;

/**
 * Finds a cheap feasible place for bin `b`. Positions are ranked by the detour they add
 * between their neighbours (cheap to compute), then the best few are timed in full, which
 * also re-picks disposal sites and checks shift, opening hours and caps.
 */
export class BinInserter {
  private deltas = new Float64Array(1024);
  private slots = new Int32Array(1024 * 3);
  private order: number[] = [];
  private readonly capLeft: Float64Array;

  constructor(
    private readonly solution: DaySolution,
    private readonly evaluator: ScheduleEvaluator,
  ) {
    this.capLeft = new Float64Array(solution.model.disposals.length);
  }

  best(b: number, options: InsertionOptions = {}): InsertionChoice | null {
    const count = this.collect(b, options);
    const order = this.order;
    order.length = count;
    for (let i = 0; i < count; i++) order[i] = i;
    order.sort((x, y) => this.deltas[x]! - this.deltas[y]!);

    const { solution, evaluator } = this;
    let best: InsertionChoice | null = null;
    let evaluations = 0;
    let feasible = 0;
    for (const i of order) {
      // Detours are sorted: once one exceeds the best timed delta, later ones rarely win.
      if (feasible >= ENOUGH_FEASIBLE || (best !== null && this.deltas[i]! > best.deltaKm)) break;
      if (!options.exhaustive && evaluations >= MAX_FULL_EVALUATIONS) break;

      const vehicle = this.slots[i * 3]!;
      const ins = { trip: this.slots[i * 3 + 1]!, pos: this.slots[i * 3 + 2]!, bin: b };
      const cap = solution.capLeftFor(vehicle, this.capLeft);
      const km = evaluator.evaluate(vehicle, solution.trips[vehicle]!, cap, ins, options.relax);
      evaluations++;
      if (!Number.isFinite(km)) continue;

      feasible++;
      const deltaKm = km - solution.vehicleKm[vehicle]!;
      if (best === null || deltaKm < best.deltaKm) best = { vehicle, ...ins, deltaKm };
    }

    return best;
  }

  /** Applies a choice found by `best` and re-times the vehicle. */
  apply(choice: InsertionChoice): boolean {
    const trips = this.solution.trips[choice.vehicle]!;
    if (choice.trip === trips.length) trips.push([choice.bin]);
    else trips[choice.trip]!.splice(choice.pos, 0, choice.bin);

    return this.solution.commitVehicle(choice.vehicle, this.evaluator, this.capLeft);
  }

  /** Lists candidate positions with their approximate detour; returns how many. */
  private collect(b: number, options: InsertionOptions): number {
    const { solution } = this;
    const model = solution.model;
    const n = model.matrix.size;
    const km = model.matrix.distanceKm;
    const bin = model.bins[b]!;
    const vehicleCount = model.vehicles.length;
    const blink = options.rng !== undefined ? (options.blinkRate ?? 0) : 0;
    let count = 0;

    for (let vi = 0; vi < vehicleCount; vi++) {
      if (model.binVehicleOk[b * vehicleCount + vi] === 0) continue;

      const v = model.vehicles[vi]!;
      const trips = solution.trips[vi]!;
      const disposals = solution.tripDisposal[vi]!;
      let prevEnd = v.depotNode;
      for (let t = 0; t < trips.length; t++) {
        const trip = trips[t]!;
        const endNode = model.disposals[disposals[t]!]!.node;
        if (trip.length < v.maxStopsPerTrip && this.fitsLoad(vi, trip, b)) {
          for (let p = 0; p <= trip.length; p++) {
            if (blink > 0 && options.rng!.next() < blink) continue;

            const from = p === 0 ? prevEnd : model.bins[trip[p - 1]!]!.node;
            const to = p === trip.length ? endNode : model.bins[trip[p]!]!.node;
            const delta = km[from * n + bin.node]! + km[bin.node * n + to]! - km[from * n + to]!;
            count = this.push(count, delta, vi, t, p);
          }
        }
        prevEnd = endNode;
      }

      if (trips.length < v.vehicle.maxTrips && v.disposals.length > 0) {
        let bestSite = Number.POSITIVE_INFINITY;
        for (const d of v.disposals) {
          const site = model.disposals[d]!.node;
          bestSite = Math.min(bestSite, km[bin.node * n + site]! + km[site * n + v.depotNode]!);
        }
        const delta = km[prevEnd * n + bin.node]! + bestSite - km[prevEnd * n + v.depotNode]!;
        count = this.push(count, delta, vi, trips.length, 0);
      }
    }

    return count;
  }

  private fitsLoad(vi: number, trip: readonly number[], b: number): boolean {
    const model = this.solution.model;
    const vehicle = model.vehicles[vi]!.vehicle;
    let volM3 = model.bins[b]!.volumeM3;
    let loadKg = model.bins[b]!.weightKg;
    for (const other of trip) {
      volM3 += model.bins[other]!.volumeM3;
      loadKg += model.bins[other]!.weightKg;
    }

    return volM3 <= vehicle.capacityM3 + 1e-9 && loadKg <= vehicle.capacityKg + 1e-9;
  }

  private push(count: number, delta: number, vi: number, t: number, p: number): number {
    if (count === this.deltas.length) {
      const deltas = new Float64Array(count * 2);
      deltas.set(this.deltas);
      this.deltas = deltas;
      const slots = new Int32Array(count * 6);
      slots.set(this.slots);
      this.slots = slots;
    }
    this.deltas[count] = delta;
    this.slots[count * 3] = vi;
    this.slots[count * 3 + 1] = t;
    this.slots[count * 3 + 2] = p;

    return count + 1;
  }
}
