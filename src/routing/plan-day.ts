import { modelPoints } from './day/model.js';
import { solveDay } from './day/solve-day.js';
import { haversineProvider } from './distance/haversine-provider.js';
import type { DistanceMatrixProvider } from './distance/travel-matrix.js';
import type { PlanRequest, PlanResult } from './plan-types.js';

export interface PlanDayOptions {
  /** Road distances; defaults to haversine times the request's road factor. */
  provider?: DistanceMatrixProvider;
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
  const matrix = await provider.matrix(modelPoints(request));

  return solveDay(request, matrix);
}
