import type { Logger } from 'pino';
import { type FleetDevice, type FleetOptions, startFleet } from './fleet.js';
import { createFleetProgress } from './fleet-progress.js';
import type { FleetStats } from './fleet-stats.js';
import { type PickupFollower, startPickupFollower } from './pickup-follower.js';

export interface RunSimulationOptions {
  brokerUrl: string;
  devices: readonly FleetDevice[];
  logger: Logger;
  speed: number;
  seed: number;
  /** Wall-clock seconds to run; null runs until the signal aborts. */
  durationS: number | null;
  /** Follow the day's plan on this API and empty the bins on it. */
  api: { url: string; token: string; pollS: number; emptyDelayS: number } | null;
  collections: 'cadence' | 'external';
  badFrameRate: number;
  resumeFrom?: number;
  anomalies?: FleetOptions['anomalies'];
  progress: boolean;
  signal?: AbortSignal;
}

const PROGRESS_EVERY_MS = 500;

/** Runs a simulated fleet (and the plan follower) until the duration ends or it is aborted. */
export async function runSimulation(options: RunSimulationOptions): Promise<FleetStats> {
  const startedMs = Date.now();
  const fleet = startFleet({
    brokerUrl: options.brokerUrl,
    devices: options.devices,
    speed: options.speed,
    seed: options.seed,
    logger: options.logger,
    collections: options.collections,
    badFrameRate: options.badFrameRate,
    resumeFrom: options.resumeFrom,
    anomalies: options.anomalies ?? {},
  });

  let follower: PickupFollower | null = null;
  if (options.api !== null) {
    follower = startPickupFollower({
      apiUrl: options.api.url,
      token: options.api.token,
      pollIntervalMs: options.api.pollS * 1000,
      emptyDelayMs: options.api.emptyDelayS * 1000,
      logger: options.logger,
      onPickups: (binIds, date) => {
        const emptied = fleet.empty(binIds);
        options.logger.info(
          { date, planned: binIds.length, emptied: emptied.length },
          'bins emptied',
        );
      },
    });
  }

  const progress = options.progress ? createFleetProgress(options.durationS) : null;
  const ticker = setInterval(
    () => progress?.update(fleet.stats(), (Date.now() - startedMs) / 1000),
    PROGRESS_EVERY_MS,
  );

  try {
    await untilDoneOrAborted(options.durationS, options.signal);
  } finally {
    clearInterval(ticker);
    follower?.stop();
    await fleet.stop();
    progress?.update(fleet.stats(), (Date.now() - startedMs) / 1000);
    progress?.stop();
  }

  return fleet.stats();
}

function untilDoneOrAborted(durationS: number | null, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();

    const timer = durationS === null ? null : setTimeout(finish, durationS * 1000);
    function finish() {
      if (timer !== null) clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      resolve();
    }
    signal?.addEventListener('abort', finish, { once: true });
  });
}
