import { startWorker } from '../../shared/start-worker.js';
import type { TravelMatrix } from '../distance/travel-matrix.js';
import type { CvrpInstance } from '../engine/instance.js';
import type { CvrpSolution, SolveOptions } from '../engine/solve-cvrp.js';
import type { PlanRequest, PlanResult } from '../plan-types.js';
import type { RoutingJob, RoutingReply } from './messages.js';

/** Error raised inside the worker, re-created on this side with its name and message. */
export class RoutingWorkerError extends Error {
  constructor(
    readonly originalName: string,
    message: string,
  ) {
    super(message);
    this.name = originalName;
  }
}

/** Runs one job in a fresh worker thread and resolves with its reply. */
export function runRoutingJob(job: RoutingJob): Promise<RoutingReply & { ok: true }> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(import.meta.url, 'routing-worker');
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
      worker.terminate().catch(() => {
        // Terminating an already finished worker can only fail harmlessly.
      });
    };

    worker.once('message', (reply: RoutingReply) => {
      settle(() => {
        if (reply.ok) resolve(reply);
        else reject(new RoutingWorkerError(reply.error.name, reply.error.message));
      });
    });
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`routing worker exited with code ${code} before replying`))),
    );
    worker.postMessage(job);
  });
}

export async function solveCvrpInWorker(
  instance: CvrpInstance,
  options: Omit<SolveOptions, 'onImprovement'>,
): Promise<CvrpSolution> {
  const reply = await runRoutingJob({ kind: 'cvrp', instance, options });
  if (reply.kind !== 'cvrp') throw new Error('routing worker answered the wrong job');

  return reply.solution;
}

export async function solveDayInWorker(
  request: PlanRequest,
  matrix: TravelMatrix,
  maxIterations?: number,
): Promise<PlanResult> {
  const reply = await runRoutingJob({ kind: 'day', request, matrix, maxIterations });
  if (reply.kind !== 'day') throw new Error('routing worker answered the wrong job');

  return reply.plan;
}
