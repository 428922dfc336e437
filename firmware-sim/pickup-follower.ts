import pino, { type Logger } from 'pino';
import { PlanShapeError, plannedPickups } from './plan-pickups.js';
import { wibDateString } from './wib-time.js';

export interface PickupFollowerOptions {
  /** Base URL of the Pesan Ibu API, e.g. http://127.0.0.1:8080 */
  apiUrl: string;
  /** Bearer token allowed to read plans (office or admin). */
  token: string;
  /** Called with the bins of a plan not handled before, `emptyDelayMs` after they appear. */
  onPickups: (binIds: string[], date: string) => void;
  pollIntervalMs?: number;
  /** Time between a bin appearing on the plan and the crew emptying it (wall clock). */
  emptyDelayMs?: number;
  /** The local date whose plan to follow; default today in WIB. */
  today?: () => string;
  logger?: Logger;
  requestTimeoutMs?: number;
}

export type PollOutcome =
  | { status: 'planned'; date: string; newBinIds: string[] }
  | { status: 'no-plan'; date: string }
  | { status: 'failed'; date: string; reason: string };

export interface PickupFollower {
  /** One poll now (the loop keeps its own rhythm). */
  pollNow(): Promise<PollOutcome>;
  stop(): void;
}

/**
 * Closes the loop of the demo: follows the day's collection plan over the HTTP API and has the
 * simulated crews empty the bins on it. Each bin is handled once per date, so a plan fetched
 * again, or re-planned with extra bins, empties only what is new.
 */
export function startPickupFollower(options: PickupFollowerOptions): PickupFollower {
  const logger = options.logger ?? pino({ level: 'silent' });
  const pollIntervalMs = options.pollIntervalMs ?? 60_000;
  const emptyDelayMs = options.emptyDelayMs ?? 10_000;
  const today = options.today ?? (() => wibDateString(Date.now()));
  const base = options.apiUrl.replace(/\/+$/, '');
  const timers = new Set<NodeJS.Timeout>();
  let handledDate = '';
  let handled = new Set<string>();
  let stopped = false;

  const later = (delayMs: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) action();
    }, delayMs);
    timers.add(timer);
  };

  const fetchPlan = async (date: string): Promise<PollOutcome> => {
    const url = `${base}/api/v1/plans/${encodeURIComponent(date)}`;
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(options.requestTimeoutMs ?? 10_000),
    });
    if (response.status === 404) return { status: 'no-plan', date };
    if (!response.ok) {
      const hint = response.status === 401 || response.status === 403 ? ' (check the token)' : '';
      return { status: 'failed', date, reason: `HTTP ${response.status}${hint}` };
    }

    const binIds = plannedPickups(await response.json()).map((pickup) => pickup.binId);
    if (date !== handledDate) {
      handledDate = date;
      handled = new Set();
    }
    const newBinIds = [...new Set(binIds)].filter((binId) => !handled.has(binId));
    for (const binId of newBinIds) handled.add(binId);

    return { status: 'planned', date, newBinIds };
  };

  const pollNow = async (): Promise<PollOutcome> => {
    const date = today();
    let outcome: PollOutcome;
    try {
      outcome = await fetchPlan(date);
    } catch (error) {
      const reason = error instanceof PlanShapeError ? error.message : String(error);
      outcome = { status: 'failed', date, reason };
    }

    if (outcome.status === 'failed') {
      logger.warn({ date, reason: outcome.reason }, 'pickup plan not read');
    } else if (outcome.status === 'planned' && outcome.newBinIds.length > 0) {
      const binIds = outcome.newBinIds;
      logger.info({ date, bins: binIds.length, emptyDelayMs }, 'pickups planned');
      later(emptyDelayMs, () => {
        try {
          options.onPickups(binIds, date);
        } catch (error) {
          logger.error({ err: error, date }, 'emptying planned bins failed');
        }
      });
    }

    return outcome;
  };

  const loop = () => {
    pollNow()
      .catch((error: unknown) => logger.error({ err: error }, 'pickup poll crashed'))
      .finally(() => {
        if (!stopped) later(pollIntervalMs, loop);
      });
  };
  loop();

  return {
    pollNow,
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
