import type { TravelMatrix } from '../distance/travel-matrix.js';
import type { PlanRequest, PlanResult } from '../plan-types.js';
import { constructPlan, insertRemaining } from './construct.js';
import { unservedBins } from './diagnose.js';
import { BinInserter } from './insertion.js';
import { buildDayModel } from './model.js';
import { ScheduleEvaluator } from './schedule.js';
import { DaySolution } from './solution.js';
import { toPlanResult } from './to-result.js';

/** Plans one day on a precomputed travel matrix, synchronously (call it off the event loop). */
export function solveDay(request: PlanRequest, matrix: TravelMatrix): PlanResult {
  const model = buildDayModel(request, matrix);
  const evaluator = new ScheduleEvaluator(model);
  const solution = new DaySolution(model);
  const inserter = new BinInserter(solution, evaluator);

  constructPlan(solution, inserter);
  insertRemaining(solution, inserter);

  return toPlanResult(solution, unservedBins(solution, inserter));
}
