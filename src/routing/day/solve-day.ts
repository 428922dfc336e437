import type { TravelMatrix } from '../distance/travel-matrix.js';
import { Rng } from '../engine/rng.js';
import type { PlanRequest, PlanResult } from '../plan-types.js';
import { constructPlan, insertRemaining } from './construct.js';
import { unservedBins } from './diagnose.js';
import { improveDay } from './improve.js';
import { BinInserter } from './insertion.js';
import { buildDayModel } from './model.js';
import { ScheduleEvaluator } from './schedule.js';
import { DaySolution } from './solution.js';
import { toPlanResult } from './to-result.js';

export interface SolveDayOptions {
  /** Bound on improvement iterations: with it the plan depends only on the request and seed. */
  maxIterations?: number | undefined;
}

/**
 * Plans one day on a precomputed travel matrix, synchronously (call it off the event loop):
 * priority-ordered construction, ruin-and-recreate until the time limit, a last exhaustive
 * insertion pass, then the reasons for every bin left unserved.
 */
export function solveDay(
  request: PlanRequest,
  matrix: TravelMatrix,
  options: SolveDayOptions = {},
): PlanResult {
  const deadlineMs = performance.now() + request.timeLimitMs;
  const model = buildDayModel(request, matrix);
  const evaluator = new ScheduleEvaluator(model);
  const solution = new DaySolution(model);
  const inserter = new BinInserter(solution, evaluator);

  constructPlan(solution, inserter);
  improveDay(solution, inserter, evaluator, new Rng(request.seed), {
    deadlineMs,
    maxIterations: options.maxIterations ?? Number.POSITIVE_INFINITY,
  });
  insertRemaining(solution, inserter);

  return toPlanResult(solution, unservedBins(solution, inserter));
}
