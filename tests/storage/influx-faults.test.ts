import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reading } from '../../src/domain/reading.js';
import type { InfluxTelemetryStoreOptions } from '../../src/storage/influx/influx-options.js';
import {
  type InfluxTelemetryStore,
  openInfluxTelemetryStore,
} from '../../src/storage/influx/influx-telemetry-store.js';
import type { InfluxStoreEvent } from '../../src/storage/influx/store-events.js';
import { exited, spawnTsFixture } from '../helpers/child-process.js';
import {
  freePort,
  INFLUX_PASSWORD,
  INFLUX_USER,
  type InfluxdHandle,
  influxdAvailable,
  startInfluxd,
  startV2WriteProxy,
  type V2WriteProxy,
} from '../helpers/influxd.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { MINUTE_MS, makeReading, readingRun, WIB_MIDNIGHT_MS } from './reading-fixture.js';
import { waitFor } from './support/wait-for.js';

const ALL_TIME: [number, number] = [0, Number.MAX_SAFE_INTEGER];

/** Short retry timings so an outage is noticed and spooled within a test's patience. */
const FAST_RETRIES = {
  writeDeadlineMs: 300,
  minRetryDelayMs: 50,
  maxRetryDelayMs: 300,
  retryJitterMs: 20,
} satisfies Partial<InfluxTelemetryStoreOptions>;

describe.skipIf(!influxdAvailable)('influx adapter when things go wrong', () => {
  const temp = makeTempDir('influx-faults');
  let influxd: InfluxdHandle;
  let proxy: V2WriteProxy;
  let databases = 0;
  const stores: InfluxTelemetryStore[] = [];

  beforeAll(async () => {
    influxd = await startInfluxd();
    proxy = await startV2WriteProxy(influxd);
  });

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await proxy?.close();
    await influxd?.dispose();
    temp.remove();
  });

  async function freshTarget(): Promise<{ bucket: string; spoolDir: string; database: string }> {
    const database = `faults_${++databases}`;
    await influxd.createDatabase(database);

    return { database, bucket: database, spoolDir: join(temp.path, database) };
  }

  async function open(opts: Partial<InfluxTelemetryStoreOptions> & { bucket: string }) {
    const store = await openInfluxTelemetryStore({
      url: influxd.url,
      username: INFLUX_USER,
      password: INFLUX_PASSWORD,
      spoolDir: join(temp.path, opts.bucket),
      ...FAST_RETRIES,
      ...opts,
    });
    stores.push(store);

    return store;
  }

  async function countPoints(database: string, binId: string): Promise<number> {
    const [result] = await influxd.query(
      `SELECT count(fill_pct) FROM readings WHERE bin = '${binId}'`,
      database,
    );

    return (result?.series?.[0]?.values[0]?.[1] as number | undefined) ?? 0;
  }

  function batchOf(first: number, size: number, overrides: Partial<Reading> = {}): Reading[] {
    return readingRun(size, WIB_MIDNIGHT_MS + first * MINUTE_MS, MINUTE_MS, overrides).map(
      (r, i) => ({ ...r, seq: first + i, dedupeKey: `${r.deviceId}:${first + i}` }),
    );
  }

  it('keeps every acknowledged reading, once, across an influxd stop and restart', async () => {
    const target = await freshTarget();
    const events: InfluxStoreEvent[] = [];
    const registry = new Registry();
    const store = await open({ ...target, registry, onEvent: (e) => events.push(e) });

    // A shard where quality_reason is already a float: a reason string there is refused (400).
    const conflictTs = WIB_MIDNIGHT_MS - 120 * 86_400_000;
    await influxd.writeLines(target.database, `readings,bin=seed quality_reason=1 ${conflictTs}`);

    let acknowledged = 0;
    let restarting: Promise<void> | null = null;
    let sawSpool = false;
    for (let b = 0; b < 30; b++) {
      if (b === 8) await influxd.stop();
      if (b === 14) {
        const bad = makeReading({ binId: 'bin-bad', ts: conflictTs, qualityReason: 'retak' });
        expect(await store.writeBatch([bad])).toMatchObject({ written: 1 });
      }
      if (b === 20) restarting = influxd.start();

      const result = await store.writeBatch(batchOf(b * 20, 20));
      acknowledged += result.written;
      sawSpool ||= store.spoolStats().points > 0;
      if (b === 12) {
        expect(await store.health()).toMatchObject({ state: 'degraded' });
        expect(await registry.getSingleMetric('pesan_influx_spool_points')?.get()).toMatchObject({
          values: [{ value: store.spoolStats().points }],
        });
      }
    }
    await restarting;
    await waitFor('the spool to drain', () => store.writerMode === 'direct');

    expect(sawSpool).toBe(true);
    expect(acknowledged).toBe(600);
    expect(await countPoints(target.database, 'bin-1')).toBe(600);
    const stored = await store.readings('bin-1', ...ALL_TIME);
    expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: 600 }, (_, i) => i));
    expect(store.spoolStats()).toMatchObject({ points: 0, bytes: 0 });
    expect(store.quarantined()).toMatchObject([
      { status: 400, points: 1, message: expect.stringContaining('field type conflict') },
    ]);
    expect(events.map((e) => e.type)).toEqual(['server-down', 'batch-rejected', 'server-up']);
    expect(await store.health()).toEqual({ state: 'ok' });
  });

  it('replays the spool of a SIGKILLed writer, every acknowledged reading once', async () => {
    const target = await freshTarget();
    await influxd.stop();
    let lastAcked = -1;

    const child = spawnTsFixture(
      join(import.meta.dirname, 'fixtures/influx-writer.ts'),
      [influxd.url, target.bucket, target.spoolDir, INFLUX_USER, INFLUX_PASSWORD],
      (line) => {
        const match = /^acked (\d+)$/.exec(line);
        if (!match) return;
        lastAcked = Number(match[1]);
        if (lastAcked >= 500) child.kill('SIGKILL');
      },
    );
    expect(await exited(child)).toBe('SIGKILL');
    await influxd.start();

    const store = await open(target);
    expect(store.spoolStats().points).toBeGreaterThanOrEqual(lastAcked + 1);
    await waitFor('the spool to drain', () => store.writerMode === 'direct');

    const stored = await store.readings('bin-kill', ...ALL_TIME);
    expect(new Set(stored.map((r) => r.seq)).size).toBe(stored.length);
    expect(stored.slice(0, lastAcked + 1).map((r) => r.seq)).toEqual(
      Array.from({ length: lastAcked + 1 }, (_, i) => i),
    );
  });

  it('quarantines a batch refused with 400 and writes the batches after it', async () => {
    const target = await freshTarget();
    const store = await open(target);
    await influxd.writeLines(
      target.database,
      `readings,bin=seed quality_reason=1 ${WIB_MIDNIGHT_MS}`,
    );
    const bad = (seq: number) =>
      makeReading({ seq, ts: WIB_MIDNIGHT_MS + seq * 1000, qualityReason: 'gema lemah' });

    // The first call goes out alone; the next two share a request, which the server refuses,
    // so the adapter sends them one by one and blames only the bad one.
    const [first, second, third] = await Promise.all([
      store.writeBatch(batchOf(0, 5)),
      store.writeBatch([bad(100), ...batchOf(10, 2)]),
      store.writeBatch(batchOf(20, 5)),
    ]);
    const after = await store.writeBatch(batchOf(30, 5));

    expect(first).toEqual({ written: 5, duplicates: 0, rejected: 0 });
    expect(second).toEqual({ written: 2, duplicates: 0, rejected: 1 });
    expect(third).toEqual({ written: 5, duplicates: 0, rejected: 0 });
    expect(after).toEqual({ written: 5, duplicates: 0, rejected: 0 });
    expect(await countPoints(target.database, 'bin-1')).toBe(17);
    expect(store.quarantined()).toMatchObject([
      { status: 400, points: 3, message: expect.stringMatching(/field type conflict.*dropped=1/) },
    ]);
  });

  it('waits as long as Retry-After says on 429 and retries 503, within the deadline', async () => {
    const target = await freshTarget();
    const registry = new Registry();
    const store = await open({ ...target, url: proxy.url, registry, writeDeadlineMs: 10_000 });
    proxy.failNextWrites({ status: 429, headers: { 'retry-after': '1' } }, { status: 503 });

    const startedMs = Date.now();
    expect(await store.writeBatch(batchOf(0, 10))).toMatchObject({ written: 10 });

    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(1000);
    expect(store.spoolStats().points).toBe(0);
    expect(await countPoints(target.database, 'bin-1')).toBe(10);
    const retries = await registry.getSingleMetric('pesan_influx_write_retries_total')?.get();
    expect(retries?.values[0]?.value).toBe(2);
    const written = await registry.getSingleMetric('pesan_influx_points_written_total')?.get();
    expect(written?.values[0]?.value).toBe(10);
  });

  it('keeps readings spooled, not retried, while the server refuses our credentials', async () => {
    const target = await freshTarget();
    const events: InfluxStoreEvent[] = [];
    const store = await open({ ...target, url: proxy.url, onEvent: (e) => events.push(e) });
    proxy.failNextWrites({ status: 401, body: '{"code":"unauthorized","message":"bad token"}' });

    expect(await store.writeBatch(batchOf(0, 10))).toMatchObject({ written: 10 });
    expect(await store.writeBatch(batchOf(10, 10))).toMatchObject({ written: 10 });

    expect(store.writerMode).toBe('paused');
    expect(store.spoolStats().points).toBe(20);
    expect(await store.health()).toMatchObject({ state: 'down', detail: /401 bad token/ });
    expect(events).toMatchObject([{ type: 'writes-paused', status: 401 }]);
    expect(proxy.writeEncodings.length).toBeGreaterThan(0);

    // The operator fixes access and restarts: the spool is replayed.
    await store.close();
    const restarted = await open({ ...target, url: proxy.url });
    await waitFor('the spool to drain', () => restarted.writerMode === 'direct');
    expect(await countPoints(target.database, 'bin-1')).toBe(20);
  });

  it('sends credentials on /ping, which InfluxDB 3 Core demands everywhere', async () => {
    const strict = await startV2WriteProxy(influxd, { authOnEveryEndpoint: true });
    try {
      const target = await freshTarget();
      const events: InfluxStoreEvent[] = [];
      // writeApi auto: the endpoint is chosen from /ping's version, as at a real site.
      const store = await open({ ...target, url: strict.url, onEvent: (e) => events.push(e) });

      expect(await store.health()).toEqual({ state: 'ok' });
      expect(await store.writeBatch(batchOf(0, 10))).toMatchObject({ written: 10 });
      expect(store.writerMode).toBe('direct');
      expect(events).toEqual([]);
      expect(strict.writeEncodings.length).toBe(1);
      expect(await countPoints(target.database, 'bin-1')).toBe(10);

      // The strict proxy really checks: wrong credentials are refused on /ping as well.
      const wrong = await open({ ...target, url: strict.url, password: 'salah', bucket: 'x' });
      expect(await wrong.health()).toMatchObject({ state: 'degraded', detail: /401/ });
    } finally {
      await strict.close();
    }
  });

  it('warns near the spool bound and refuses, never drops, once it is full', async () => {
    const target = await freshTarget();
    const events: InfluxStoreEvent[] = [];
    const deadUrl = `http://127.0.0.1:${await freePort()}`;
    const store = await open({
      ...target,
      url: deadUrl,
      spoolMaxBytes: 40_000,
      onEvent: (e) => events.push(e),
    });

    let refused: unknown = null;
    let acknowledged = 0;
    for (let b = 0; b < 50 && !refused; b++) {
      await store.writeBatch(batchOf(b * 20, 20)).then(
        (r) => {
          acknowledged += r.written;
        },
        (err: unknown) => {
          refused = err;
        },
      );
    }

    expect(refused).toMatchObject({ code: 'SPOOL_FULL', message: /spool is full/ });
    expect(events.map((e) => e.type)).toEqual(['server-down', 'spool-near-limit', 'spool-full']);
    expect(store.spoolStats().points).toBe(acknowledged);
    expect(await store.health()).toMatchObject({ state: 'down' });
    // The refused readings were not marked as seen: their redelivery is taken as new.
    await store.close();
    const reopened = await open({ ...target, url: deadUrl, spoolMaxBytes: 80_000 });
    expect(await reopened.writeBatch(batchOf(acknowledged, 20))).toMatchObject({ written: 20 });
  });

  it('flushes held batches on close, or spools them when the server is away', async () => {
    const target = await freshTarget();
    const holding = await open({ ...target, flushIntervalMs: 60_000 });
    const pending = holding.writeBatch(batchOf(0, 10));
    await holding.close();
    expect(await pending).toMatchObject({ written: 10 });
    expect(await countPoints(target.database, 'bin-1')).toBe(10);

    const deadUrl = `http://127.0.0.1:${await freePort()}`;
    const away = await open({ ...target, url: deadUrl, flushIntervalMs: 60_000 });
    const spooled = away.writeBatch(batchOf(10, 10));
    await away.close();
    expect(await spooled).toMatchObject({ written: 10 });

    const back = await open(target);
    await waitFor('the spool to drain', () => back.writerMode === 'direct');
    expect(await countPoints(target.database, 'bin-1')).toBe(20);
  });
});
