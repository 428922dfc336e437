import type { CvrpInstance } from './instance.js';

/**
 * Search parameters. Defaults follow the values published for hybrid genetic search on the
 * CVRP (Vidal 2022, "Hybrid genetic search for the CVRP: open-source implementation and
 * SWAP* neighborhood", Table 1), which were tuned on the X instances.
 */
export interface SearchParams {
  /** Granular neighbourhood: each customer is paired with this many nearest customers. */
  granularity: number;
  /** Minimum and extra size of each subpopulation. */
  mu: number;
  lambda: number;
  /** Elite individuals protected by the biased fitness; closest neighbours for diversity. */
  nbElite: number;
  nbClose: number;
  /** Share of local-search outputs that should be feasible; penalties adapt towards it. */
  targetFeasible: number;
  /** Iterations without improvement before the population restarts. */
  nbIterNoImprovement: number;
  useSwapStar: boolean;
}

export const DEFAULT_PARAMS: SearchParams = {
  granularity: 20,
  mu: 25,
  lambda: 40,
  nbElite: 4,
  nbClose: 5,
  targetFeasible: 0.2,
  nbIterNoImprovement: 20_000,
  useSwapStar: true,
};

/** Route slots the local search works with: the fleet bound, or enough to spare. */
export function routeSlots(instance: CvrpInstance): number {
  if (instance.maxRoutes !== null) return instance.maxRoutes;

  let total = 0;
  for (let i = 1; i < instance.n; i++) total += instance.demand[i]!;

  return Math.ceil((1.3 * total) / instance.capacity) + 3;
}
