/**
 * npm run bench:influx — how fast readings reach a real influxd through the adapter, against
 * the same line protocol posted directly with bare HTTP in the same run, and how fast a spool
 * of one million readings is replayed after an outage.
 *
 *   node dist/bench/influx.js [--readings 60000] [--rounds 3] [--batch 500] [--writers 4]
 *                             [--spool 1000000]
 *
 * Two bare-HTTP references: `direct` posts the very batches the adapter gets, from the same
 * number of concurrent writers (the headline ratio: what the adapter costs), and `bulk` posts
 * the lines in 5000-line requests one after another (the best influxd does with this data).
 * The machine is shared, so the methods rotate over several rounds (each into a fresh database,
 * after a warm-up round) and medians are compared.
 * The last line printed is one JSON object with the headline figures.
 */
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Reading } from '../src/domain/reading.js';
import { openInfluxTelemetryStore } from '../src/storage/influx/influx-telemetry-store.js';
import { readingToLine } from '../src/storage/influx/line-protocol.js';
import type { TelemetryStore } from '../src/storage/telemetry-store.js';
import {
  freePort,
  INFLUX_PASSWORD,
  INFLUX_USER,
  type InfluxdHandle,
  startInfluxd,
} from '../tests/helpers/influxd.js';
import { makeTempDir } from '../tests/helpers/temp-dir.js';

const { values: args } = parseArgs({
  options: {
    readings: { type: 'string', default: '60000' },
    rounds: { type: 'string', default: '3' },
    batch: { type: 'string', default: '500' },
    writers: { type: 'string', default: '4' },
    spool: { type: 'string', default: '1000000' },
  },
});
const READINGS = Number(args.readings);
const ROUNDS = Number(args.rounds);
const BATCH = Number(args.batch);
const WRITERS = Number(args.writers);
const SPOOL_READINGS = Number(args.spool);
/** The adapter's largest request, used for the bulk reference. */
const BULK_LINES = 5000;

const START_MS = Date.UTC(2026, 10, 1, 17, 0, 0);
const AREAS = ['Kramatwatu', 'Waringinkurung', 'Bojonegara', 'Pulo Ampel', 'Ciruas'];

/** Readings of 500 bins reporting every 10 minutes, as the fleet would send them. */
function fleetReadings(count: number, offset: number): Reading[] {
  return Array.from({ length: count }, (_, k) => {
    const i = offset + k;
    const bin = i % 500;
    const ts = START_MS + Math.floor(i / 500) * 600_000 + bin;

    return {
      deviceId: `dev-${bin}`,
      binId: `bin-${bin}`,
      areaId: AREAS[bin % AREAS.length]!,
      ts,
      receivedAt: ts + 180,
      seq: Math.floor(i / 500),
      distanceMm: 300 + (i % 700),
      fillPct: (i % 1000) / 10,
      batteryV: null,
      batteryPct: 80 + (i % 20),
      temperatureC: 28 + (i % 9),
      tiltDeg: i % 5,
      quality: i % 50 === 0 ? 'spike' : 'ok',
      qualityReason: i % 50 === 0 ? 'lonjakan' : null,
      rssi: -60 - (i % 40),
      snr: 5 + (i % 7),
      gateways: 1 + (i % 3),
      source: 'mqtt',
      dedupeKey: `dev-${bin}:${Math.floor(i / 500)}`,
    };
  });
}

function inBatches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));

  return out;
}

async function countPoints(influxd: InfluxdHandle, database: string): Promise<number> {
  const [result] = await influxd.query('SELECT count(fill_pct) FROM readings', database);

  return (result?.series?.[0]?.values[0]?.[1] as number | undefined) ?? 0;
}

/** Bare HTTP: `node:http` with keep-alive, no gzip, no retries, v1 /write. */
function bareWriter(influxd: InfluxdHandle, database: string) {
  const agent = new Agent({ keepAlive: true });
  const auth = Buffer.from(`${INFLUX_USER}:${INFLUX_PASSWORD}`).toString('base64');
  const url = `${influxd.url}/write?db=${database}&precision=ms`;

  const post = (lines: string[]) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', agent, headers: { authorization: `Basic ${auth}` } },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 204 ? resolve() : reject(new Error(`write ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(lines.join('\n'));
    });

  return { post, close: () => agent.destroy() };
}

/** Reference: the adapter's batches, as the same concurrent writers would post them. */
async function timeDirect(influxd: InfluxdHandle, database: string, readings: Reading[]) {
  const lines = readings.map((r) => readingToLine(r, undefined));
  const writer = bareWriter(influxd, database);
  const t0 = performance.now();
  await inParallel(inBatches(lines, BATCH), writer.post);
  const perS = readings.length / ((performance.now() - t0) / 1000);
  writer.close();

  return perS;
}

/** Reference: the same lines in 5000-line requests, one after another. */
async function timeBulk(influxd: InfluxdHandle, database: string, readings: Reading[]) {
  const lines = readings.map((r) => readingToLine(r, undefined));
  const writer = bareWriter(influxd, database);
  const t0 = performance.now();
  for (const chunk of inBatches(lines, BULK_LINES)) await writer.post(chunk);
  const perS = readings.length / ((performance.now() - t0) / 1000);
  writer.close();

  return perS;
}

async function timeAdapter(
  influxd: InfluxdHandle,
  database: string,
  spoolDir: string,
  readings: Reading[],
) {
  const store = await openAdapter(influxd.url, database, spoolDir);
  const t0 = performance.now();
  await writeConcurrently(store, readings);
  const perS = readings.length / ((performance.now() - t0) / 1000);
  await store.close();

  return perS;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);

  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function openAdapter(url: string, database: string, spoolDir: string) {
  return openInfluxTelemetryStore({
    url,
    bucket: database,
    spoolDir,
    username: INFLUX_USER,
    password: INFLUX_PASSWORD,
  });
}

/** WRITERS workers taking batches in turn, each waiting for its batch before the next. */
async function inParallel<T>(batches: T[], write: (batch: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < batches.length) await write(batches[next++]!);
    }),
  );
}

/** The adapter as ingest uses it. */
function writeConcurrently(store: TelemetryStore, all: Reading[]): Promise<void> {
  return inParallel(inBatches(all, BATCH), (batch) => store.writeBatch(batch));
}

async function main(): Promise<void> {
  const temp = makeTempDir('bench-influx');
  const influxd = await startInfluxd();
  try {
    console.log(`influxd 1.6 at ${influxd.url}; ${READINGS} readings per run, batches of ${BATCH}`);
    await influxd.createDatabase('replay');

    const methods = ['direct', 'bulk', 'adapter'] as const;
    const runs = { direct: [] as number[], bulk: [] as number[], adapter: [] as number[] };
    for (let round = 0; round <= ROUNDS; round++) {
      for (let k = 0; k < methods.length; k++) {
        const method = methods[(round + k) % methods.length]!;
        const database = `${method}_${round}`;
        await influxd.createDatabase(database);
        const readings = fleetReadings(READINGS, (round * 3 + k) * READINGS);
        const perS =
          method === 'adapter'
            ? await timeAdapter(influxd, database, join(temp.path, database), readings)
            : await (method === 'bulk' ? timeBulk : timeDirect)(influxd, database, readings);
        const stored = await countPoints(influxd, database);
        if (stored !== READINGS) throw new Error(`${method} stored ${stored} of ${READINGS}`);
        // Round 0 warms up influxd and the JIT; it is not counted.
        if (round > 0) runs[method].push(perS);
        const note = round === 0 ? ' (warm-up)' : '';
        console.log(`round ${round}${note} ${method}: ${fmt(perS)} readings/s`);
      }
    }
    const directPerS = median(runs.direct);
    const bulkPerS = median(runs.bulk);
    const adapterPerS = median(runs.adapter);
    console.log(
      `direct HTTP, same ${BATCH}-reading batches from ${WRITERS} writers (median): ` +
        `${fmt(directPerS)} readings/s`,
    );
    console.log(
      `direct HTTP, ${BULK_LINES}-line requests in sequence (median): ${fmt(bulkPerS)} readings/s`,
    );
    console.log(`adapter, ${WRITERS} writers, defaults (median): ${fmt(adapterPerS)} readings/s`);

    // Fill a spool while nothing listens, then point the adapter at influxd and time the drain.
    const spoolDir = join(temp.path, 'replay');
    const deadUrl = `http://127.0.0.1:${await freePort()}`;
    const spooler = await openAdapter(deadUrl, 'replay', spoolDir);
    const spoolStart = performance.now();
    for (let offset = 0; offset < SPOOL_READINGS; offset += 100_000) {
      await writeConcurrently(
        spooler,
        fleetReadings(Math.min(100_000, SPOOL_READINGS - offset), offset),
      );
    }
    await spooler.close();
    const spoolS = (performance.now() - spoolStart) / 1000;
    console.log(`spooled ${SPOOL_READINGS} readings with influxd away in ${spoolS.toFixed(1)} s`);

    const replayStart = performance.now();
    const replayer = await openAdapter(influxd.url, 'replay', spoolDir);
    while (replayer.writerMode !== 'direct') await new Promise((r) => setTimeout(r, 20));
    const replayPerS = SPOOL_READINGS / ((performance.now() - replayStart) / 1000);
    await replayer.close();
    const replayed = await countPoints(influxd, 'replay');
    if (replayed !== SPOOL_READINGS) throw new Error(`replayed ${replayed} of ${SPOOL_READINGS}`);
    console.log(`replayed the spool: ${fmt(replayPerS)} readings/s (all ${replayed} stored)`);

    const ratio = adapterPerS / directPerS;
    console.log(
      `ratio adapter/direct: ${ratio.toFixed(2)}; ` +
        `adapter/bulk: ${(adapterPerS / bulkPerS).toFixed(2)}`,
    );
    console.log(
      JSON.stringify({
        bench: 'influx',
        adapter_per_s: Math.round(adapterPerS),
        direct_per_s: Math.round(directPerS),
        ratio: Number(ratio.toFixed(3)),
        replay_per_s: Math.round(replayPerS),
        bulk_per_s: Math.round(bulkPerS),
        ratio_vs_bulk: Number((adapterPerS / bulkPerS).toFixed(3)),
      }),
    );
  } finally {
    await influxd.dispose();
    temp.remove();
  }
}

function fmt(perS: number): string {
  return Math.round(perS).toLocaleString('en-US');
}

await main();
