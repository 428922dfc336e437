import type { CvrpInstance } from './instance.js';
import { routesDistance } from './instance.js';
import { polishRoutes } from './polish.js';
import { savingsRoutes } from './savings.js';

/**
 * A simple, fast solution to measure the metaheuristic against: Clarke-Wright savings
 * followed by one local search. Falls back to the plain savings routes if the search cannot
 * keep them within the fleet bound.
 */
export function referenceSolution(
  instance: CvrpInstance,
  seed: number,
): { routes: number[][]; cost: number } {
  const savings = savingsRoutes(instance);

  return (
    polishRoutes(instance, savings, seed) ?? {
      routes: savings,
      cost: routesDistance(instance, savings),
    }
  );
}
