import { Individual } from './individual.js';
import type { CvrpInstance } from './instance.js';
import { LocalSearch } from './ls/local-search.js';
import { DEFAULT_PARAMS, routeSlots } from './params.js';
import { Rng } from './rng.js';

/**
 * Runs the granular local search (with SWAP*) once on feasible routes, with excess priced
 * so high that the result stays feasible. Returns the improved routes, or null when the
 * routes do not fit the route slots or the search could not keep them feasible.
 */
export function polishRoutes(
  instance: CvrpInstance,
  routes: readonly (readonly number[])[],
  seed: number,
): { routes: number[][]; cost: number } | null {
  const used = routes.filter((r) => r.length > 0);
  // Keep a few empty slots so the search may open a route when it pays.
  const slots = Math.max(routeSlots(instance), instance.maxRoutes ?? used.length + 3);
  if (used.length > slots) return null;

  const ind = new Individual(instance, slots);
  used.forEach((route, r) => {
    ind.routes[r] = route.slice();
  });
  ind.syncGiantTour();

  const heavy = 1e6;
  new LocalSearch(instance, slots, DEFAULT_PARAMS.granularity, new Rng(seed)).run(
    ind,
    heavy,
    heavy,
  );
  if (!ind.feasible) return null;

  return {
    routes: ind.routes.filter((r) => r.length > 0).map((r) => r.slice()),
    cost: ind.distance,
  };
}
