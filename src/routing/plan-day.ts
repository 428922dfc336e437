import { buildDayModel, modelPoints, PlanInputError } from './day/model.js';
import { solveDay } from './day/solve-day.js';
import { haversineProvider } from './distance/haversine-provider.js';
import type { DistanceMatrixProvider } from './distance/travel-matrix.js';
import type { PlanRequest, PlanResult } from './plan-types.js';
import { solveDayInWorker } from './worker/run-in-worker.js';

export interface PlanDayOptions {
  /** Road distances; defaults to haversine times the request's road factor. */
  provider?: DistanceMatrixProvider;
  /**
   * Plan in a worker thread (default) so the broker and API stay responsive; false plans on
   * the calling thread (tests, batch tools).
   */
  inWorker?: boolean;
  /** Bound on search iterations, for plans reproducible independently of machine speed. */
  maxIterations?: number;
}

/**
 * Plans a day's collection: which vehicle empties which bin in what order, where each trip
 * unloads, and which bins wait for another day and why.
 */
export async function planDay(
  request: PlanRequest,
  options: PlanDayOptions = {},
): Promise<PlanResult> {
  const provider =
    options.provider ??
    haversineProvider({ roadFactor: request.roadFactor, speedKmh: request.speedKmh });
  if (!(request.timeLimitMs >= 0)) throw new PlanInputError('timeLimitMs must be >= 0');
  const matrix = await provider.matrix(modelPoints(request));
  // Fail fast on bad input here, where the caller gets the PlanInputError itself.
  buildDayModel(request, matrix);

  if (options.inWorker === false)
    return solveDay(request, matrix, { maxIterations: options.maxIterations });

  return solveDayInWorker(request, matrix, options.maxIterations);
}
