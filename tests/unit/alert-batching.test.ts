import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { AlertRepo } from '../../src/alerts/alert-repo.js';
import { AlertService } from '../../src/alerts/alert-service.js';
import { CollectionRepo } from '../../src/analytics/collection-repo.js';
import { FleetAnalytics } from '../../src/analytics/fleet-analytics.js';
import { loadConfig } from '../../src/config/load-config.js';
import { openDatabase } from '../../src/db/open-database.js';
import { EventBus } from '../../src/shared/event-bus.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { bin } from '../helpers/test-app.js';
import { makeReading } from '../storage/reading-fixture.js';

const temp = makeTempDir('alert-batching');
afterAll(() => temp.remove());

const NOW = Date.parse('2026-12-03T05:00:00+07:00');
const BINS = 100;

const reading = (binId: string, fillPct: number, ts: number) =>
  makeReading({
    deviceId: `dev-${binId}`,
    binId,
    areaId: 'ciruas',
    ts,
    receivedAt: ts,
    seq: null,
    distanceMm: null,
    fillPct,
    batteryV: null,
    dedupeKey: `${binId}:${ts}`,
  });

function setUp(name: string) {
  const db = openDatabase(join(temp.path, `${name}.db`));
  const logger = pino({ level: 'silent' });
  const bus = new EventBus(logger);
  const bins = new Map(Array.from({ length: BINS }, (_, i) => [`b${i}`, bin(`b${i}`)]));
  const repo = new AlertRepo(db);
  const alerts = new AlertService({
    repo,
    analytics: new FleetAnalytics({ collections: new CollectionRepo(db), bus, logger }),
    bins: () => bins,
    thresholds: loadConfig({ env: {} }).alerts,
    bus,
    logger,
    startedAt: NOW,
  });

  /** WAL frames written since the last call (a checkpoint lets the log restart). */
  const framesWritten = () => {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];

    return result!.log;
  };

  return { db, bus, bins, repo, alerts, framesWritten };
}

describe('alert writes', () => {
  it('stores the changes of a whole batch of readings in one commit', () => {
    const { db, bus, bins, alerts, framesWritten } = setUp('batch');
    const opened: string[] = [];
    bus.on('alert', (change) => opened.push(`${change.type} ${change.alert.binId}`));
    framesWritten();

    // Every bin crosses its threshold in the same batch (a fleet reporting in lockstep).
    alerts.onReadings([...bins.keys()].map((id) => reading(id, 95, NOW)));

    const frames = framesWritten();
    const stored = db.prepare(`SELECT COUNT(*) AS n FROM alerts WHERE status = 'open'`).get();
    expect(stored).toEqual({ n: BINS });
    expect(opened).toHaveLength(BINS);
    // One commit touches a handful of pages; a commit per bin wrote at least one frame each.
    expect(frames).toBeLessThan(BINS / 4);

    // And the sweep, when every device has fallen silent, likewise.
    framesWritten();
    expect(alerts.sweep(NOW + 10 * 3_600_000)).toBe(BINS);
    expect(framesWritten()).toBeLessThan(BINS / 4);
  });

  it('stores all of a batch or nothing, and reports only what it stored', () => {
    const { db, repo } = setUp('atomic');
    const full = {
      kind: 'full' as const,
      active: true,
      severity: 'warning' as const,
      message: 'full',
      value: 95,
    };
    // The second update opens a second active alert of the same bin and kind: refused by the
    // one-active-alert index, so the first is rolled back with it.
    const attempt = () =>
      repo.applyAll([
        { binId: 'b1', deviceId: null, conditions: [full], current: new Map(), now: NOW },
        { binId: 'b1', deviceId: null, conditions: [full], current: new Map(), now: NOW },
      ]);

    expect(attempt).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM alerts').get()).toEqual({ n: 0 });
  });
});
