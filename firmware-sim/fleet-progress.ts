import cliProgress from 'cli-progress';
import type { FleetStats } from './fleet-stats.js';
import { toWibIso } from './wib-time.js';

export interface FleetProgress {
  update(stats: FleetStats, elapsedS: number): void;
  stop(): void;
}

const COUNTERS =
  'sim {simTime} WIB | sent {published} acked {acked} bad {badFrames} | ' +
  'online {connected}/{devices} | emptied {emptied}';

/**
 * The simulator's progress line on stderr: a bar when the run has a duration, counters only
 * when it runs until stopped. cli-progress writes nothing when stderr is not a terminal.
 */
export function createFleetProgress(durationS: number | null): FleetProgress {
  const bar = new cliProgress.SingleBar({
    format: durationS === null ? COUNTERS : `{bar} {percentage}% | ${COUNTERS}`,
    hideCursor: true,
    barsize: 24,
    fps: 4,
  });
  bar.start(durationS ?? 0, 0, payload(null));

  return {
    update(stats, elapsedS) {
      bar.update(durationS === null ? 0 : Math.min(durationS, elapsedS), payload(stats));
    },
    stop() {
      bar.stop();
    },
  };
}

function payload(stats: FleetStats | null) {
  return {
    simTime: stats === null ? '-' : toWibIso(stats.simNowMs).slice(0, 16).replace('T', ' '),
    published: stats?.published ?? 0,
    acked: stats?.acked ?? 0,
    badFrames: stats?.badFrames ?? 0,
    connected: stats?.connected ?? 0,
    devices: stats?.devices ?? 0,
    emptied: stats?.emptied ?? 0,
  };
}
