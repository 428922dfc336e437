/**
 * Times planDay on a realistic Serang day (about 600 candidate containers, 50 trucks, two
 * trips each) and checks the plan with the independent plan checker. The reference in the
 * same run is the construction alone (time limit 0): what the search adds on top.
 */
import { checkPlan } from '../../src/routing/check/plan-checker.js';
import { haversineKm } from '../../src/routing/distance/haversine.js';
import { planDay } from '../../src/routing/plan-day.js';
import type { PlanRequest, PlanResult } from '../../src/routing/plan-types.js';
import { serangDay } from './serang-scenario.js';

export interface SerangDayResult {
  candidates: number;
  vehicles: number;
  seconds: number;
  served: number;
  unserved: number;
  distanceKm: number;
  collectedT: number;
  fuelLitres: number;
  constructionKm: number;
  constructionServed: number;
  constructionSeconds: number;
  problems: string[];
}

const served = (plan: PlanResult): number =>
  plan.vehicles.reduce(
    (sum, v) =>
      sum + v.trips.reduce((s, t) => s + t.stops.filter((x) => x.type === 'pickup').length, 0),
    0,
  );

export async function runSerangDay(timeLimitS: number, seed: number): Promise<SerangDayResult> {
  const request: PlanRequest = serangDay({ seed, timeLimitMs: timeLimitS * 1000 });

  const constructionStart = performance.now();
  const construction = await planDay({ ...request, timeLimitMs: 0 });
  const constructionSeconds = (performance.now() - constructionStart) / 1000;

  const started = performance.now();
  const plan = await planDay(request);
  const seconds = (performance.now() - started) / 1000;

  const check = checkPlan(request, plan, (a, b) => haversineKm(a, b) * request.roadFactor);

  return {
    candidates: request.candidates.length,
    vehicles: request.vehicles.length,
    seconds,
    served: served(plan),
    unserved: plan.unserved.length,
    distanceKm: plan.totals.distanceKm,
    collectedT: plan.totals.collectedKg / 1000,
    fuelLitres: plan.totals.fuelLitres,
    constructionKm: construction.totals.distanceKm,
    constructionServed: served(construction),
    constructionSeconds,
    problems: check.problems,
  };
}
