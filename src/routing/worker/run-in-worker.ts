import { Worker } from 'node:worker_threads';
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

/**
 * Starts the worker module next to this file. Compiled code (dist/) loads the .js file.
 * When this module runs from TypeScript source (vitest, tsx) the worker is the .ts file;
 * `execArgv: ['--import', 'tsx']` does not reach a worker's entry module on Node 20, so a
 * tiny bootstrap registers tsx's loader inside the worker and then imports the entry.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./routing-worker.js', import.meta.url));

  const entry = JSON.stringify(new URL('./routing-worker.ts', import.meta.url).href);
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); });`;

  return new Worker(bootstrap, { eval: true });
}

/** Runs one job in a fresh worker thread and resolves with its reply. */
export function runRoutingJob(job: RoutingJob): Promise<RoutingReply & { ok: true }> {
  return new Promise((resolve, reject) => {
    const worker = startWorker();
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
