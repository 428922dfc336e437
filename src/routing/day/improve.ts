import type { Rng } from '../engine/rng.js';
import { insertAll, priorityOrder } from './construct.js';
import type { BinInserter } from './insertion.js';
import type { ScheduleEvaluator } from './schedule.js';
import type { DaySolution } from './solution.js';

export interface ImproveLimits {
  deadlineMs: number;
  maxIterations: number;
}

const NEIGHBOURS = 24;
/** Iterations without a new best after which small days stop early (they have converged). */
const STALL_ITERATIONS = 20_000;
const BLINK_RATE = 0.02;
/** Simulated-annealing temperatures in km: accept detours of a few km early, none late. */
const T_START_KM = 3;
const T_END_KM = 0.02;

/**
 * Ruin and recreate on the day plan under simulated annealing: remove bins around a random
 * bin (or a whole trip), reinsert them and nearby unserved bins in priority order, keep the
 * result if the objective (km plus a large penalty per unserved bin by priority) is good
 * enough. The best plan seen is kept in `solution` at the end.
 */
export function improveDay(
  solution: DaySolution,
  inserter: BinInserter,
  evaluator: ScheduleEvaluator,
  rng: Rng,
  limits: ImproveLimits,
): number {
  const model = solution.model;
  if (model.bins.length === 0 || model.vehicles.length === 0) return 0;

  const neighbours = nearestBins(solution, NEIGHBOURS);
  const best = solution.clone();
  const saved = solution.clone();
  const capLeft = new Float64Array(model.disposals.length);
  let bestObjective = solution.objective();
  let current = bestObjective;
  const started = performance.now();
  const span = Math.max(1, limits.deadlineMs - started);
  const removed: number[] = [];
  let iterations = 0;
  let lastBest = 0;

  for (; iterations < limits.maxIterations; iterations++) {
    const now = performance.now();
    if (now >= limits.deadlineMs || iterations - lastBest > STALL_ITERATIONS) break;

    // An iteration budget makes the cooling (and so the plan) independent of machine speed.
    const progress = Number.isFinite(limits.maxIterations)
      ? iterations / limits.maxIterations
      : (now - started) / span;
    const temperature = T_START_KM * (T_END_KM / T_START_KM) ** progress;
    saved.copyFrom(solution);
    removed.length = 0;

    const touched =
      rng.next() < 0.15
        ? ruinTrip(solution, rng, removed)
        : ruinNear(solution, rng, neighbours, removed);
    let consistent = true;
    for (const vi of touched)
      consistent = solution.commitVehicle(vi, evaluator, capLeft) && consistent;
    if (!consistent) {
      // A removal can only make a day infeasible when road times break the triangle
      // inequality; such an iteration is simply dropped.
      solution.copyFrom(saved);
      continue;
    }

    insertAll(inserter, priorityOrder(solution, removed), { blinkRate: BLINK_RATE, rng });
    const objective = solution.objective();
    if (objective < current - temperature * Math.log(rng.next())) {
      current = objective;
      if (objective < bestObjective - 1e-9) {
        bestObjective = objective;
        best.copyFrom(solution);
        lastBest = iterations;
      }
    } else {
      solution.copyFrom(saved);
    }
  }

  solution.copyFrom(best);

  return iterations;
}

/** Removes served bins around a random bin; unserved ones nearby join the reinsertion. */
function ruinNear(
  solution: DaySolution,
  rng: Rng,
  neighbours: Int32Array[],
  removed: number[],
): Set<number> {
  const touched = new Set<number>();
  const seed = rng.int(solution.model.bins.length);
  const count = rng.range(3, 12);
  const list = neighbours[seed]!;
  for (let k = -1; k < list.length && removed.length < count; k++) {
    const b = k < 0 ? seed : list[k]!;
    const vi = solution.binVehicle[b]!;
    if (vi >= 0) {
      solution.removeBin(b);
      touched.add(vi);
    }
    removed.push(b);
  }

  return touched;
}

/** Removes one whole trip of a random vehicle that has trips. */
function ruinTrip(solution: DaySolution, rng: Rng, removed: number[]): Set<number> {
  const withTrips = solution.trips.flatMap((trips, vi) => (trips.length > 0 ? [vi] : []));
  if (withTrips.length === 0) return new Set();

  const vi = withTrips[rng.int(withTrips.length)]!;
  const trips = solution.trips[vi]!;
  const [trip] = trips.splice(rng.int(trips.length), 1);
  for (const b of trip!) {
    solution.binVehicle[b] = -1;
    removed.push(b);
  }

  return new Set([vi]);
}

function nearestBins(solution: DaySolution, k: number): Int32Array[] {
  const model = solution.model;
  const n = model.matrix.size;
  const km = model.matrix.distanceKm;
  const all = model.bins.map((_, b) => b);

  return model.bins.map((bin, b) => {
    const row = bin.node * n;
    const sorted = all
      .filter((o) => o !== b)
      .sort((x, y) => km[row + model.bins[x]!.node]! - km[row + model.bins[y]!.node]! || x - y);
    return Int32Array.from(sorted.slice(0, k));
  });
}
