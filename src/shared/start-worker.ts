import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker module `name` that sits next to the calling module (`callerUrl` is the
 * caller's `import.meta.url`). Compiled code (dist/) loads the .js file. When the caller runs
 * from TypeScript source (vitest, tsx) the worker is the .ts file; `execArgv: ['--import',
 * 'tsx']` does not reach a worker's entry module on Node 20, so a tiny bootstrap registers
 * tsx's loader inside the worker and then imports the entry.
 */
export function startWorker(
  callerUrl: string,
  name: string,
  options: Pick<WorkerOptions, 'workerData'> = {},
): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);

  const entry = JSON.stringify(new URL(`./${name}.ts`, callerUrl).href);
  const load = `return import(${entry});`;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); ${load} });`;

  return new Worker(bootstrap, { ...options, eval: true });
}
