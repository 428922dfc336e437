import type { CvrpInstance } from './instance.js';
import type { Penalties } from './penalties.js';

/** One solution of the genetic search: a giant tour and the routes split from it. */
export class Individual {
  /** All customers in visiting order, depot returns removed. */
  readonly giantTour: Int32Array;
  /** One list per route slot; empty slots are unused vehicles. */
  routes: number[][];
  /** Successor and predecessor of every customer (0 = depot), for diversity measures. */
  readonly successors: Int32Array;
  readonly predecessors: Int32Array;
  penalizedCost = Number.POSITIVE_INFINITY;
  distance = 0;
  capacityExcess = 0;
  durationExcess = 0;
  nbRoutes = 0;
  feasible = false;
  biasedFitness = 0;
  /** Other individuals of the same subpopulation by increasing broken-pairs distance. */
  proximity: { dist: number; other: Individual }[] = [];

  constructor(
    readonly instance: CvrpInstance,
    slots: number,
  ) {
    this.giantTour = new Int32Array(instance.n - 1);
    this.routes = Array.from({ length: slots }, () => []);
    this.successors = new Int32Array(instance.n);
    this.predecessors = new Int32Array(instance.n);
  }

  /** Recomputes costs and neighbour arrays from `routes`. */
  evaluate(penalties: Penalties): void {
    const { n, dist, demand, serviceTime, capacity, durationLimit } = this.instance;
    this.distance = 0;
    this.capacityExcess = 0;
    this.durationExcess = 0;
    this.nbRoutes = 0;
    for (const route of this.routes) {
      if (route.length === 0) continue;

      this.nbRoutes++;
      let prev = 0;
      let load = 0;
      let time = 0;
      let routeDist = 0;
      for (const c of route) {
        routeDist += dist[prev * n + c]!;
        time += dist[prev * n + c]! + serviceTime[c]!;
        load += demand[c]!;
        this.predecessors[c] = prev;
        if (prev !== 0) this.successors[prev] = c;
        prev = c;
      }
      this.successors[prev] = 0;
      routeDist += dist[prev * n]!;
      time += dist[prev * n]!;
      this.distance += routeDist;
      this.capacityExcess += Math.max(0, load - capacity);
      this.durationExcess += Math.max(0, time - durationLimit);
    }

    this.penalizedCost =
      this.distance +
      penalties.capacity * this.capacityExcess +
      penalties.duration * this.durationExcess;
    this.feasible = this.capacityExcess < 1e-9 && this.durationExcess < 1e-9;
  }

  /** Rebuilds the giant tour from the routes (after local search). */
  syncGiantTour(): void {
    let k = 0;
    for (const route of this.routes) for (const c of route) this.giantTour[k++] = c;
  }

  /** Broken-pairs distance to another individual, in [0, 1]. */
  brokenPairsDistance(other: Individual): number {
    let differences = 0;
    const n = this.instance.n;
    for (let j = 1; j < n; j++) {
      const succ = this.successors[j]!;
      if (succ !== other.successors[j] && succ !== other.predecessors[j]) differences++;
      if (this.predecessors[j] === 0 && other.predecessors[j] !== 0 && other.successors[j] !== 0) {
        differences++;
      }
    }

    return differences / (n - 1);
  }

  /** Average distance to the `count` closest individuals of its subpopulation. */
  averageBrokenPairsDistanceClosest(count: number): number {
    const m = Math.min(count, this.proximity.length);
    if (m === 0) return 0;

    let total = 0;
    for (let i = 0; i < m; i++) total += this.proximity[i]!.dist;

    return total / m;
  }

  copyFrom(other: Individual): void {
    this.giantTour.set(other.giantTour);
    this.routes = other.routes.map((r) => r.slice());
    this.successors.set(other.successors);
    this.predecessors.set(other.predecessors);
    this.penalizedCost = other.penalizedCost;
    this.distance = other.distance;
    this.capacityExcess = other.capacityExcess;
    this.durationExcess = other.durationExcess;
    this.nbRoutes = other.nbRoutes;
    this.feasible = other.feasible;
  }
}
