import type { Individual } from './individual.js';
import type { CvrpInstance } from './instance.js';
import type { Penalties } from './penalties.js';

/**
 * Optimal split of a giant tour into routes (Prins 2004; Vidal 2016): shortest path over
 * "route from tour position i+1 to j" arcs, with capacity and duration excess priced by the
 * current penalties. Routes are cut beyond 1.5 x capacity, where penalties make them useless.
 * When the unlimited split needs more routes than the fleet, a fleet-bounded split runs.
 */
export class Splitter {
  private readonly potential: Float64Array;
  private readonly pred: Int32Array;
  private potentialK: Float64Array;
  private predK: Int32Array;

  constructor(
    private readonly instance: CvrpInstance,
    private readonly slots: number,
  ) {
    this.potential = new Float64Array(instance.n);
    this.pred = new Int32Array(instance.n);
    this.potentialK = new Float64Array(0);
    this.predK = new Int32Array(0);
  }

  split(ind: Individual, penalties: Penalties): void {
    const routes = this.splitUnlimited(ind.giantTour, penalties);
    const fits = routes !== null && routes.length <= this.slots;
    const chosen = fits ? routes : this.splitLimited(ind.giantTour, penalties);

    for (let r = 0; r < this.slots; r++) ind.routes[r] = chosen[r] ?? [];
    ind.evaluate(penalties);
  }

  /** Cost of the route made of tour[i..j-1] when extended arc by arc; loops j from i+1. */
  private relax(
    tour: Int32Array,
    i: number,
    base: number,
    penalties: Penalties,
    visit: (j: number, cost: number) => void,
  ): void {
    const { n, dist, demand, serviceTime, capacity, durationLimit } = this.instance;
    const count = tour.length;
    let load = 0;
    let service = 0;
    let inside = 0;
    const first = tour[i]!;
    for (let j = i + 1; j <= count && load <= 1.5 * capacity; j++) {
      const c = tour[j - 1]!;
      load += demand[c]!;
      service += serviceTime[c]!;
      if (j > i + 1) inside += dist[tour[j - 2]! * n + c]!;
      const travel = dist[first]! + inside + dist[c * n]!;
      const cost =
        base +
        travel +
        penalties.capacity * Math.max(0, load - capacity) +
        penalties.duration * Math.max(0, travel + service - durationLimit);
      visit(j, cost);
    }
  }

  private splitUnlimited(tour: Int32Array, penalties: Penalties): number[][] | null {
    const count = tour.length;
    const { potential, pred } = this;
    potential.fill(Number.POSITIVE_INFINITY);
    potential[0] = 0;
    for (let i = 0; i < count; i++) {
      if (potential[i] === Number.POSITIVE_INFINITY) continue;

      this.relax(tour, i, potential[i]!, penalties, (j, cost) => {
        if (cost < potential[j]!) {
          potential[j] = cost;
          pred[j] = i;
        }
      });
    }
    if (potential[count] === Number.POSITIVE_INFINITY) return null;

    const routes: number[][] = [];
    for (let j = count; j > 0; j = pred[j]!) {
      routes.push(Array.from(tour.subarray(pred[j]!, j)));
    }

    return routes.reverse();
  }

  private splitLimited(tour: Int32Array, penalties: Penalties): number[][] {
    const count = tour.length;
    const k = this.slots;
    const width = count + 1;
    if (this.potentialK.length < (k + 1) * width) {
      this.potentialK = new Float64Array((k + 1) * width);
      this.predK = new Int32Array((k + 1) * width);
    }
    const pot = this.potentialK;
    const pred = this.predK;
    pot.fill(Number.POSITIVE_INFINITY, 0, (k + 1) * width);
    pot[0] = 0;
    for (let r = 0; r < k; r++) {
      for (let i = r; i < count; i++) {
        const base = pot[r * width + i]!;
        if (base === Number.POSITIVE_INFINITY) continue;

        this.relax(tour, i, base, penalties, (j, cost) => {
          const at = (r + 1) * width + j;
          if (cost < pot[at]!) {
            pot[at] = cost;
            pred[at] = i;
          }
        });
      }
    }

    let bestR = -1;
    for (let r = 1; r <= k; r++) {
      if (
        pot[r * width + count]! <
        (bestR < 0 ? Number.POSITIVE_INFINITY : pot[bestR * width + count]!)
      ) {
        bestR = r;
      }
    }
    if (bestR < 0) {
      // The 1.5 x capacity cut left no path: put the overflow on the last route, penalised.
      const per = Math.ceil(count / k);
      return Array.from({ length: k }, (_, r) => Array.from(tour.subarray(r * per, (r + 1) * per)));
    }

    const routes: number[][] = [];
    let j = count;
    for (let r = bestR; r > 0; r--) {
      const i = pred[r * width + j]!;
      routes.push(Array.from(tour.subarray(i, j)));
      j = i;
    }

    return routes.reverse();
  }
}
