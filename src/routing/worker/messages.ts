import type { TravelMatrix } from '../distance/travel-matrix.js';
import type { CvrpInstance } from '../engine/instance.js';
import type { CvrpSolution, SolveOptions } from '../engine/solve-cvrp.js';
import type { PlanRequest, PlanResult } from '../plan-types.js';

/** Jobs the routing worker accepts (structured-cloned; no functions). */
export type RoutingJob =
  | { kind: 'cvrp'; instance: CvrpInstance; options: Omit<SolveOptions, 'onImprovement'> }
  | { kind: 'day'; request: PlanRequest; matrix: TravelMatrix; maxIterations?: number };

export type RoutingReply =
  | { ok: true; kind: 'cvrp'; solution: CvrpSolution }
  | { ok: true; kind: 'day'; plan: PlanResult }
  | { ok: false; error: { name: string; message: string } };
