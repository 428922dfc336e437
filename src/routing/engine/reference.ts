import { Individual } from './individual.js';
import type { CvrpInstance } from './instance.js';
import { LocalSearch } from './ls/local-search.js';
import { DEFAULT_PARAMS, routeSlots } from './params.js';
import { Rng } from './rng.js';
import { savingsRoutes } from './savings.js';
import { Splitter } from './split.js';

/**
 * A simple, fast solution to measure the metaheuristic against: Clarke-Wright savings
 * followed by one local search with a prohibitive excess penalty (so it stays feasible).
 * Falls back to the plain savings routes if the fleet bound is not met.
 */
export function referenceSolution(instance: CvrpInstance, seed: number): { routes: number[][]; cost: number } {
  const slots = routeSlots(instance);
  const savings = savingsRoutes(instance);
  const ind = new Individual(instance, slots);
  let k = 0;
  for (const route of savings) for (const c of route) ind.giantTour[k++] = c;

  const heavy = { capacity: 1e6, duration: 1e6 };
  new Splitter(instance, slots).split(ind, heavy);
  new LocalSearch(instance, slots, DEFAULT_PARAMS.granularity, new Rng(seed)).run(
    ind,
    heavy.capacity,
    heavy.duration,
  );
  if (ind.feasible) return { routes: ind.routes.filter((r) => r.length > 0), cost: ind.distance };

  let cost = 0;
  const n = instance.n;
  for (const route of savings) {
    let prev = 0;
    for (const c of route) {
      cost += instance.dist[prev * n + c]!;
      prev = c;
    }
    cost += instance.dist[prev * n]!;
  }

  return { routes: savings, cost };
}
