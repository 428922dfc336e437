import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { configuredDistances } from '../../src/routing/distance/configured-provider.js';
import { withFallback } from '../../src/routing/distance/fallback-provider.js';
import { haversineKm } from '../../src/routing/distance/haversine.js';
import { haversineProvider } from '../../src/routing/distance/haversine-provider.js';
import { OsrmError, OsrmProvider } from '../../src/routing/distance/osrm-provider.js';
import { planDay } from '../../src/routing/plan-day.js';
import { bin, request } from './helpers/day-fixtures.js';
import {
  computedMetres,
  type FakeOsrm,
  RECORDED_TABLE,
  startFakeOsrm,
} from './helpers/fake-osrm.js';

// The four places of tests/fixtures/osrm/table-serang-4.json, in its order.
const SERANG_4 = [
  { lat: -6.1201, lon: 106.1503 },
  { lat: -6.1453, lon: 106.3012 },
  { lat: -6.1149, lon: 106.2305 },
  { lat: -6.1832, lon: 106.1954 },
];
const ESTIMATE = { roadFactor: 1.3, speedKmh: 30 };

const osrm = (url: string, maxTableSize = 100) =>
  new OsrmProvider({
    baseUrl: url,
    profile: 'driving',
    maxTableSize,
    timeoutMs: 2_000,
    fallback: ESTIMATE,
  });

let server: FakeOsrm | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('OSRM distance provider (against a fake OSRM serving a recorded-shape answer)', () => {
  it('turns metres and seconds into km and minutes, keeping one-way differences', async () => {
    server = await startFakeOsrm({ mode: 'recorded' });
    const m = await osrm(server.url).matrix(SERANG_4);

    expect(m.size).toBe(4);
    expect(m.distanceKm[0 * 4 + 1]).toBeCloseTo(18.4235, 6);
    expect(m.distanceKm[1 * 4 + 0]).toBeCloseTo(18.3901, 6);
    expect(m.durationMin[0 * 4 + 1]).toBeCloseTo(1512.4 / 60, 6);
    expect(m.distanceKm[3 * 4 + 2]).toBeCloseTo(RECORDED_TABLE.distances[3]![2]! / 1_000, 6);
    expect(m.distanceKm[2 * 4 + 2]).toBe(0);
  });

  it('fills a pair OSRM cannot route with the straight-line estimate, and counts it', async () => {
    server = await startFakeOsrm({ mode: 'recorded' });
    const provider = osrm(server.url);
    const m = await provider.matrix(SERANG_4);

    const km = haversineKm(SERANG_4[2]!, SERANG_4[3]!) * ESTIMATE.roadFactor;
    expect(m.distanceKm[2 * 4 + 3]).toBeCloseTo(km, 9);
    expect(m.durationMin[2 * 4 + 3]).toBeCloseTo((km / ESTIMATE.speedKmh) * 60, 9);
    expect(provider.lastUnroutedPairs).toBe(1);
  });

  it('fetches a matrix larger than the server allows block by block, each pair right', async () => {
    server = await startFakeOsrm({ mode: 'computed', maxTableSize: 3 });
    const points = Array.from({ length: 8 }, (_, k) => ({
      lat: -6.1 - k * 0.013,
      lon: 106.2 + ((k * 7) % 5) * 0.021,
    }));
    const m = await osrm(server.url, 3).matrix(points);

    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) {
        const want =
          i === j
            ? 0
            : computedMetres([points[i]!.lon, points[i]!.lat], [points[j]!.lon, points[j]!.lat]) /
              1_000;
        expect(m.distanceKm[i * 8 + j]).toBeCloseTo(want, 3);
      }
    }
    // Blocks of 3, 3 and 2 points: nine requests, none over the server's limit.
    expect(server.requests).toHaveLength(9);
    for (const r of server.requests) {
      expect(r.sources).toBeLessThanOrEqual(3);
      expect(r.destinations).toBeLessThanOrEqual(3);
    }
  });

  it("reports the server's own code and message when it refuses a request", async () => {
    server = await startFakeOsrm({ mode: 'computed', maxTableSize: 3 });
    const points = Array.from({ length: 5 }, (_, k) => ({ lat: -6.1 - k * 0.01, lon: 106.2 }));

    const error = await osrm(server.url, 10)
      .matrix(points)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OsrmError);
    expect((error as OsrmError).code).toBe('TooBig');
    expect((error as OsrmError).message).toContain('Too many table coordinates');
  });

  it('names the server when it cannot be reached', async () => {
    server = await startFakeOsrm({ mode: 'computed' });
    const url = server.url;
    await server.close();
    server = null;

    const error = await osrm(url)
      .matrix(SERANG_4)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OsrmError);
    expect((error as OsrmError).code).toBe('Unreachable');
    expect((error as OsrmError).message).toContain(url);
  });
});

describe('planning on OSRM distances', () => {
  const day = () =>
    request({
      candidates: [bin('b1', [3, 2]), bin('b2', [5, -1]), bin('b3', [8, 3]), bin('b4', [2, -4])],
    });

  it('plans on the road distances OSRM gives', async () => {
    server = await startFakeOsrm({ mode: 'computed' });
    const plan = await planDay(day(), { provider: osrm(server.url), inWorker: false });

    const stops = plan.vehicles.flatMap((v) => v.trips.flatMap((t) => t.stops));
    expect(stops.filter((s) => s.type === 'pickup')).toHaveLength(4);
    let km = 0;
    for (const v of plan.vehicles) {
      for (const t of v.trips) {
        for (let k = 1; k < t.stops.length; k++) {
          const a = t.stops[k - 1]!;
          const b = t.stops[k]!;
          km += computedMetres([a.lon, a.lat], [b.lon, b.lat]) / 1_000;
        }
      }
    }
    // The fake's roads are 1.4 x straight line, so a haversine x 1.3 plan would be ~7 % short.
    expect(plan.totals.distanceKm).toBeCloseTo(km, 1);
  });

  it('still plans, on straight-line distances, when OSRM is down', async () => {
    const gone = await startFakeOsrm({ mode: 'computed' });
    await gone.close();
    const failures: string[] = [];
    const provider = withFallback(osrm(gone.url), haversineProvider(ESTIMATE), (e) =>
      failures.push(e.message),
    );
    const plan = await planDay(day(), { provider, inWorker: false });

    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('did not answer');
    const picked = plan.vehicles.flatMap((v) => v.trips.flatMap((t) => t.stops));
    expect(picked.filter((s) => s.type === 'pickup')).toHaveLength(4);
  });
});

describe('choosing the distance source from configuration', () => {
  const silent = pino({ level: 'silent' });

  it('uses haversine by default and OSRM when PESAN_ROUTING_OSRM_URL is set', () => {
    const plain = loadConfig({ env: {} });
    expect(configuredDistances(plain.routing, silent).name).toBe('haversine x1.3');

    const withOsrm = loadConfig({ env: { PESAN_ROUTING_OSRM_URL: 'http://osrm.local:5000' } });
    expect(configuredDistances(withOsrm.routing, silent).name).toBe(
      'osrm http://osrm.local:5000, else haversine x1.3',
    );
  });

  it('refuses an OSRM address that is not a URL, naming the variable', () => {
    const bad = () => loadConfig({ env: { PESAN_ROUTING_OSRM_URL: 'not a url' } });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/PESAN_ROUTING_OSRM_URL/);
  });
});
