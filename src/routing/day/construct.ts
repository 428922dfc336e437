import type { BinInserter, InsertionOptions } from './insertion.js';
import type { DaySolution } from './solution.js';

/** Bin indexes by priority (overflowing first), then farthest from any depot first. */
export function priorityOrder(solution: DaySolution, bins: readonly number[]): number[] {
  const model = solution.model;
  const n = model.matrix.size;
  const depots = [...new Set(model.vehicles.map((v) => v.depotNode))];
  const farness = new Float64Array(model.bins.length);
  for (const b of bins) {
    const node = model.bins[b]!.node;
    farness[b] = Math.min(...depots.map((d) => model.matrix.distanceKm[d * n + node]!));
  }

  return [...bins].sort((x, y) => {
    const rank = model.bins[x]!.priorityRank - model.bins[y]!.priorityRank;

    return rank !== 0 ? rank : farness[y]! - farness[x]! || x - y;
  });
}

/** Inserts each listed bin at its cheapest feasible place; returns how many were placed. */
export function insertAll(
  inserter: BinInserter,
  order: readonly number[],
  options: InsertionOptions = {},
): number {
  let placed = 0;
  for (const b of order) {
    const choice = inserter.best(b, options);
    if (choice !== null && inserter.apply(choice)) placed++;
  }

  return placed;
}

/** Priority-ordered cheapest insertion of every candidate: the starting plan. */
export function constructPlan(solution: DaySolution, inserter: BinInserter): void {
  const all = solution.model.bins.map((_, b) => b);
  insertAll(inserter, priorityOrder(solution, all));
}

/**
 * Last chance for every unserved bin, checking all positions: after it, a bin is unserved
 * only if no single insertion into the plan is feasible.
 */
export function insertRemaining(solution: DaySolution, inserter: BinInserter): void {
  const unserved: number[] = [];
  solution.binVehicle.forEach((vi, b) => {
    if (vi < 0) unserved.push(b);
  });
  insertAll(inserter, priorityOrder(solution, unserved), { exhaustive: true });
}
