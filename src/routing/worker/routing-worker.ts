/**
 * Worker thread entry: runs one routing job off the main event loop, so that the broker and
 * the API keep serving while a plan is computed.
 */
import { parentPort } from 'node:worker_threads';
import { solveDay } from '../day/solve-day.js';
import { solveCvrp } from '../engine/solve-cvrp.js';
import type { RoutingJob, RoutingReply } from './messages.js';

function run(job: RoutingJob): RoutingReply {
  if (job.kind === 'cvrp') {
    return { ok: true, kind: 'cvrp', solution: solveCvrp(job.instance, job.options) };
  }

  return {
    ok: true,
    kind: 'day',
    plan: solveDay(job.request, job.matrix, { maxIterations: job.maxIterations }),
  };
}

parentPort?.once('message', (job: RoutingJob) => {
  let reply: RoutingReply;
  try {
    reply = run(job);
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    reply = { ok: false, error: { name: error.name, message: error.message } };
  }
  parentPort?.postMessage(reply);
});
