import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import pino from 'pino';
import { type App, type AppOptions, createApp } from '../../src/app/create-app.js';
import { topics } from '../../src/broker/topics.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { seedRegistry } from '../../src/demo/seed.js';
import type { Bin, RegistrySnapshot } from '../../src/domain/registry.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export function bin(id: string, extra: Partial<Bin> = {}): Bin {
  return {
    id,
    areaId: 'ciruas',
    siteName: `Site ${id}`,
    kind: 'wheelie-660',
    volumeL: 660,
    mountHeightMm: 1_300,
    usableDepthMm: 1_100,
    landUse: 'residential',
    lat: -6.1 + Math.random() * 0.01,
    lon: 106.25 + Math.random() * 0.01,
    thresholdPct: 80,
    reportIntervalS: 900,
    enabled: true,
    ...extra,
  };
}

/** A small registry: one kecamatan, a depot, a landfill, bins with one device each. */
export function smallRegistry(binCount = 3): {
  snapshot: RegistrySnapshot;
  secrets: Map<string, string>;
} {
  const bins = Array.from({ length: binCount }, (_, i) => bin(`bin-${i + 1}`));
  const secrets = new Map(bins.map((b) => [`dev-${b.id}`, `secret-${b.id}`]));

  return {
    secrets,
    snapshot: {
      areas: [
        { id: 'ciruas', name: 'Ciruas', code: '36.04.01', lat: -6.1, lon: 106.25, population: 1 },
      ],
      sites: [],
      facilities: [
        {
          id: 'depot',
          name: 'Depot',
          kind: 'depot',
          lat: -6.1,
          lon: 106.25,
          dailyCapTonnes: null,
          openDays: [1, 2, 3, 4, 5, 6, 7],
          openFromMin: 0,
          openToMin: 1_440,
          active: true,
          acceptsAreaIds: [],
          note: '',
        },
        {
          id: 'tpa',
          name: 'TPA',
          kind: 'TPA',
          lat: -6.13,
          lon: 106.08,
          dailyCapTonnes: 200,
          openDays: [1, 2, 3, 4, 5, 6, 7],
          openFromMin: 0,
          openToMin: 1_440,
          active: true,
          acceptsAreaIds: [],
          note: '',
        },
      ],
      bins,
      devices: bins.map((b) => ({
        id: `dev-${b.id}`,
        binId: b.id,
        model: 'pesan-native',
        secretHash: '',
        enabled: true,
        devEui: null,
      })),
      vehicles: [
        {
          id: 'truck-1',
          kind: 'dump-truck',
          capacityM3: 6,
          capacityKg: 1_500,
          depotId: 'depot',
          available: true,
          maxTrips: 2,
        },
      ],
      crews: [
        {
          id: 'crew-1',
          name: 'Regu 1',
          vehicleId: 'truck-1',
          shiftStartMin: 300,
          shiftEndMin: 1_380,
        },
      ],
    },
  };
}

export interface TestApp {
  app: App;
  dir: string;
  httpPort: number;
  mqttPort: number;
  mqttUrl: string;
  baseUrl: string;
  close(): Promise<void>;
}

/** A real app (broker, HTTP, SQLite) in a temp folder on free ports. */
export async function startTestApp(
  overrides: ConfigInput = {},
  registry = smallRegistry(),
  appOptions: Pick<AppOptions, 'now' | 'logger'> = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'pesan-test-'));
  const config = loadConfig({
    env: {},
    overrides: {
      dataDir: dir,
      adminToken: ADMIN_TOKEN,
      log: { level: 'silent' },
      http: { host: '127.0.0.1', port: 0 },
      mqtt: { host: '127.0.0.1', port: 0 },
      routing: { timeLimitS: 0.5 },
      ...overrides,
    },
  });
  const app = await createApp(config, {
    ...appOptions,
    logger: appOptions.logger ?? pino({ level: process.env.TEST_APP_LOG ?? 'silent' }),
  });
  await seedRegistry(app.context.registry, registry.snapshot, registry.secrets);
  app.context.directory.reload();
  const { httpPort, mqttPort } = await app.listen();

  return {
    app,
    dir,
    httpPort,
    mqttPort,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    baseUrl: `http://127.0.0.1:${httpPort}`,
    async close() {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Connects a real mqtt.js client; rejects on a refused CONNECT instead of retrying. */
export function connectDevice(
  url: string,
  username: string | undefined,
  password: string | undefined,
  clientId = username ?? 'anon',
): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, {
      clientId,
      ...(username !== undefined ? { username } : {}),
      ...(password !== undefined ? { password } : {}),
      reconnectPeriod: 0,
      connectTimeout: 5_000,
    });
    client.once('connect', () => resolve(client));
    client.once('error', (error) => {
      client.end(true);
      reject(error);
    });
  });
}

export async function api(
  t: TestApp,
  path: string,
  init: { method?: string; body?: unknown; token?: string | null; accept?: string } = {},
) {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? ADMIN_TOKEN : init.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.accept) headers.accept = init.accept;
  const response = await fetch(`${t.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';

  return {
    status: response.status,
    body: type.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : text,
    headers: response.headers,
  };
}

/** Polls until `check` returns a truthy value (tests poll, never sleep a guessed time). */
export async function until<T>(
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Two bins over the threshold (95 %, 85 %) and one nearly empty (10 %), each as one native
 * reading through the real ingest path: what most plan tests start from.
 */
export async function fillTwoOfThree(t: TestApp): Promise<void> {
  for (const [binId, fillPct] of [
    ['bin-1', 95],
    ['bin-2', 85],
    ['bin-3', 10],
  ] as const) {
    await t.app.context.ingest.ingestNative(
      `dev-${binId}`,
      'test',
      Buffer.from(JSON.stringify({ seq: 1, fill_pct: fillPct })),
    );
  }
}

/**
 * One native reading as a device sends it: connect with the smallRegistry secret, publish at
 * QoS 1 (resolving once the server has stored it and sent PUBACK), disconnect.
 */
export async function sendReading(
  mqttUrl: string,
  deviceId: string,
  payload: Record<string, unknown>,
): Promise<void> {
  const device = await connectDevice(mqttUrl, deviceId, `secret-${deviceId.slice(4)}`);
  try {
    await device.publishAsync(topics.device(deviceId, 'telemetry'), JSON.stringify(payload), {
      qos: 1,
    });
  } finally {
    await device.endAsync();
  }
}
