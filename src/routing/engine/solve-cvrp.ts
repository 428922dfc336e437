import { type CvrpSolution, type SolveOptions, solveHgs } from './hgs.js';
import { type CvrpInstance, routesDistance } from './instance.js';
import { polishRoutes } from './polish.js';
import { savingsRoutes } from './savings.js';
import { solveSisr } from './sisr.js';

export type { CvrpSolution, SolveOptions } from './hgs.js';

/**
 * Above this many customers (unlimited fleet, no route-length limit) ruin-and-recreate beats
 * the genetic search within benchmark time limits: every genetic child needs a full local
 * search, which on 400+ customers leaves too few generations (measured in bench:routing).
 */
export const SISR_MIN_CUSTOMERS = 300;

/** Share of the budget SISR leaves to the final local-search polish. */
const POLISH_SHARE = 0.05;

/**
 * Solves a CVRP instance within the time limit: hybrid genetic search for small and
 * fleet- or length-constrained instances, SISR ruin-and-recreate then a local-search polish
 * for large unconstrained ones. Deterministic for a seed when `maxIterations` bounds it.
 */
export function solveCvrp(instance: CvrpInstance, options: SolveOptions): CvrpSolution {
  const large = instance.n - 1 >= SISR_MIN_CUSTOMERS;
  const unconstrained = instance.maxRoutes === null && !Number.isFinite(instance.durationLimit);
  if (!large || !unconstrained) return solveHgs(instance, options);

  const started = performance.now();
  const initialRoutes = savingsRoutes(instance);
  const spentMs = performance.now() - started;
  const sisr = solveSisr(instance, {
    ...options,
    timeLimitMs: Math.max(0, options.timeLimitMs * (1 - POLISH_SHARE) - spentMs),
    initialRoutes,
  });
  const polished = polishRoutes(instance, sisr.routes, options.seed ?? 1);
  if (polished === null || polished.cost >= sisr.cost - 1e-9) {
    return { ...sisr, elapsedMs: performance.now() - started };
  }

  options.onImprovement?.(polished.cost, performance.now() - started);
  return {
    ...sisr,
    routes: polished.routes,
    cost: routesDistance(instance, polished.routes),
    elapsedMs: performance.now() - started,
    timeToBestMs: performance.now() - started,
  };
}
