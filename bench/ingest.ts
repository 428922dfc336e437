import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Aedes } from 'aedes';
import pino from 'pino';
import { createApp } from '../src/app/create-app.js';
import { loadConfig } from '../src/config/load-config.js';
import { seedRegistry } from '../src/demo/seed.js';
import { buildSerangScenario } from '../src/demo/serang-scenario.js';
import type { PublisherJob } from './ingest/publisher-worker.js';

/**
 * bench:ingest — M devices publish N readings at QoS 1 through the real broker into the
 * embedded store, against the same publishers on a bare Aedes broker (no auth, no storage)
 * in the same run. Usage: node dist/bench/ingest.js [devices] [readingsPerDevice] [rounds]
 * Stored and raw runs alternate for `rounds` rounds (default 3) and the medians are reported, so
 * a burst of other load on the machine does not decide the ratio.
 */
const DEVICES = Number(process.argv[2] ?? 100);
const PER_DEVICE = Number(process.argv[3] ?? 1_000);
const ROUNDS = Number(process.argv[4] ?? 3);
const WINDOW = 16;
const TOTAL = DEVICES * PER_DEVICE;

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 50);

function runPublishers(job: PublisherJob): Promise<number> {
  // Compiled runs load the .js worker; a tsx run (development) loads the .ts one through tsx.
  const fromSource = import.meta.url.endsWith('.ts');
  const file = new URL(`./ingest/publisher-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const worker = new Worker(file, {
    workerData: job,
    ...(fromSource ? { execArgv: ['--import', 'tsx'] } : {}),
  });

  return new Promise((resolve, reject) => {
    worker.on('message', (m: { type: string; seconds?: number }) => {
      if (m.type === 'done') resolve(m.seconds!);
    });
    worker.on('error', reject);
  });
}

async function raw(ids: string[]): Promise<number> {
  const broker = await Aedes.createBroker();
  const server = createServer(broker.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;

  const seconds = await runPublishers({
    url: `mqtt://127.0.0.1:${port}`,
    devices: ids.map((id) => ({ id, secret: null })),
    perDevice: PER_DEVICE,
    windowPerDevice: WINDOW,
  });
  await new Promise<void>((r) => server.close(() => r()));
  await new Promise<void>((r) => broker.close(() => r()));

  return TOTAL / seconds;
}

async function stored(): Promise<{ perS: number; count: number; ids: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'pesan-bench-'));
  // PESAN_* variables apply (e.g. PESAN_INGEST_BATCH_MAX_SIZE), as they would in production.
  const config = loadConfig({
    env: process.env,
    overrides: {
      dataDir: dir,
      adminToken: 'bench-admin-token-0123456789',
      http: { host: '127.0.0.1', port: 0 },
      mqtt: { host: '127.0.0.1', port: 0 },
      log: { level: 'warn' },
    },
  });
  const app = await createApp(config, { logger: pino({ level: 'warn' }) });
  const scenario = buildSerangScenario({ scope: 'regency', seed: 1 });
  const devices = scenario.snapshot.devices.slice(0, DEVICES);
  const binIds = new Set(devices.map((d) => d.binId));
  await seedRegistry(
    app.context.registry,
    {
      ...scenario.snapshot,
      bins: scenario.snapshot.bins.filter((b) => binIds.has(b.id)),
      devices,
    },
    scenario.secrets,
  );
  app.context.directory.reload();
  const { mqttPort } = await app.listen();

  const seconds = await runPublishers({
    url: `mqtt://127.0.0.1:${mqttPort}`,
    devices: devices.map((d) => ({ id: d.id, secret: scenario.secrets.get(d.id)! })),
    perDevice: PER_DEVICE,
    windowPerDevice: WINDOW,
  });
  let count = 0;
  for (const binId of binIds) {
    count += (await app.context.store.readings(binId, 0, Date.now() + 1)).length;
  }
  await app.stop();
  rmSync(dir, { recursive: true, force: true });

  return { perS: TOTAL / seconds, count, ids: devices.map((d) => d.id) };
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);

  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const storedRates: number[] = [];
const rawRates: number[] = [];
let lost = 0;
for (let round = 1; round <= ROUNDS; round++) {
  const run = await stored();
  storedRates.push(run.perS);
  if (run.count !== TOTAL) lost = Math.max(lost, TOTAL - run.count);
  rawRates.push(await raw(run.ids));
  process.stdout.write(
    `round ${round}: stored ${Math.round(storedRates.at(-1)!)}/s, ` +
      `raw ${Math.round(rawRates.at(-1)!)}/s\n`,
  );
}
clearInterval(sampler);

const storedPerS = median(storedRates);
const rawPerS = median(rawRates);
const ratio = storedPerS / rawPerS;
process.stdout.write(
  [
    `devices ${DEVICES}, readings ${TOTAL} at QoS 1, window ${WINDOW} per device`,
    `stored (auth + validation + SQLite group commit, ack after durable): ` +
      `${Math.round(storedPerS)} readings/s (median of ${ROUNDS}), ${lost} lost`,
    `raw Aedes (no auth, no storage):${' '.repeat(36)}${Math.round(rawPerS)} msg/s (median)`,
    `ratio stored/raw: ${ratio.toFixed(2)}   peak RSS: ${Math.round(peakRss / 1_048_576)} MB`,
    '',
  ].join('\n'),
);
if (lost > 0) {
  process.stderr.write(`lost readings: up to ${lost} of ${TOTAL} missing in a round\n`);
  process.exitCode = 1;
}
process.stdout.write(
  `${JSON.stringify({
    bench: 'ingest',
    stored_per_s: Math.round(storedPerS),
    raw_per_s: Math.round(rawPerS),
    ratio: Number(ratio.toFixed(3)),
    peak_rss_mb: Math.round(peakRss / 1_048_576),
  })}\n`,
);
