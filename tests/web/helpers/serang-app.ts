import type { AppOptions } from '../../../src/app/create-app.js';
import { buildSerangScenario } from '../../../src/demo/serang-scenario.js';
import { hashSecret } from '../../../src/registry/device-secret.js';
import { wibDate } from '../../../src/shared/wib.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { fillHistory } from './fill-history.js';

export interface SerangApp extends TestApp {
  officeToken: string;
  date: string;
  /** The crew with the most pickups today and its token. */
  crew: { id: string; token: string };
  binCount: number;
}

const WRITE_CHUNK = 5_000;

/**
 * The Serang pilot scenario on a real app: registry, a week of hourly readings per bin (trends,
 * sensor emptyings), the latest reading of each bin ingested live (alerts), and today's plan.
 */
export async function startSerangApp(appOptions: Pick<AppOptions, 'now'> = {}): Promise<SerangApp> {
  const { snapshot } = buildSerangScenario();
  const t = await startTestApp(
    {},
    { snapshot: { ...snapshot, devices: [] }, secrets: new Map() },
    appOptions,
  );
  const { registry, directory, store, analytics, ingest, planner, tokens } = t.app.context;

  // One hash for every device: these tests never log a sensor in, and scrypt is slow.
  const secretHash = hashSecret('web-test-device');
  registry.importSnapshot(
    {
      areas: [],
      sites: [],
      facilities: [],
      bins: [],
      devices: snapshot.devices.map((d) => ({ ...d, secretHash })),
      vehicles: [],
      crews: [],
    },
    'merge',
  );
  directory.reload();

  const now = Date.now();
  const history = fillHistory(snapshot.bins, { now, days: 7, stepMin: 60, seed: 11 });
  const past = history.flatMap((readings) => readings.slice(0, -1));
  for (let i = 0; i < past.length; i += WRITE_CHUNK) {
    const chunk = past.slice(i, i + WRITE_CHUNK);
    await store.writeBatch(chunk);
    analytics.onReadings(chunk);
  }
  await Promise.all(history.map((readings) => ingest.ingestReading(readings.at(-1)!)));

  const date = wibDate(now);
  const { plan } = await planner.plan(date, 'test', now);
  const busiest = plan.vehicles
    .filter((v) => v.crewId)
    .map((v) => ({
      crewId: v.crewId!,
      pickups: v.trips.flatMap((trip) => trip.stops).filter((s) => s.type === 'pickup').length,
    }))
    .sort((a, b) => b.pickups - a.pickups)[0];
  if (!busiest || busiest.pickups < 5) throw new Error('the test plan has no busy crew');

  return {
    ...t,
    officeToken: tokens.create('office', 'web test office'),
    date,
    crew: { id: busiest.crewId, token: tokens.create('crew', 'web test crew', busiest.crewId) },
    binCount: snapshot.bins.length,
  };
}
