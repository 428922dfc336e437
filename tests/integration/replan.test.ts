import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  fillTwoOfThree,
  smallRegistry,
  startTestApp,
  type TestApp,
} from '../helpers/test-app.js';

type Plan = { plan: { vehicles: { trips: { stops: { type: string; refId: string }[] }[] }[] } };

const plannedBins = (body: unknown) =>
  (body as Plan).plan.vehicles
    .flatMap((v) => v.trips.flatMap((t) => t.stops))
    .filter((s) => s.type === 'pickup')
    .map((s) => s.refId)
    .sort();

/** A mid-day re-plan through the real API: what a crew already emptied stays off the route. */
describe('re-planning after crews confirmed pickups', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({}, smallRegistry(3));
    await fillTwoOfThree(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('does not send a truck back to a bin emptied since its latest reading', async () => {
    const first = await api(t, '/api/v1/plans', { method: 'POST' });
    expect(plannedBins(first.body)).toEqual(['bin-1', 'bin-2']);

    const crewToken = t.app.context.tokens.create('crew', 'phone', 'crew-1');
    const confirmed = await api(t, '/api/v1/collections', {
      method: 'POST',
      token: crewToken,
      body: {
        crewId: 'crew-1',
        binId: 'bin-1',
        status: 'collected',
        clientRef: 'phone:bin-1',
        at: new Date().toISOString(),
      },
    });
    expect(confirmed.status).toBe(201);

    const again = await api(t, '/api/v1/plans', { method: 'POST' });
    expect(plannedBins(again.body)).toEqual(['bin-2']);
  });
});
