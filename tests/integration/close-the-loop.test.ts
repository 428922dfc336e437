import { afterEach, describe, expect, it } from 'vitest';
import { type Fleet, startFleet } from '../../firmware-sim/fleet.js';
import { closeTheLoop } from '../../src/demo/close-the-loop.js';
import { wibDate } from '../../src/shared/wib.js';
import {
  api,
  fillTwoOfThree,
  smallRegistry,
  startTestApp,
  type TestApp,
  until,
} from '../helpers/test-app.js';

/** The demo's simulated crews against a real app and a real simulated fleet. */
describe('closing the demo loop', () => {
  let t: TestApp | null = null;
  let fleet: Fleet | null = null;
  let unfollow = () => {};

  afterEach(async () => {
    unfollow();
    await fleet?.stop();
    await t?.close();
    t = null;
    fleet = null;
  });

  /** The real fleet, with a record of which bins it was told to empty. */
  async function start(peopleCrewIds: Set<string>) {
    const registry = smallRegistry(3);
    t = await startTestApp({}, registry);
    await fillTwoOfThree(t);
    fleet = startFleet({
      brokerUrl: t.mqttUrl,
      devices: registry.snapshot.devices.map((d) => ({
        deviceId: d.id,
        secret: registry.secrets.get(d.id)!,
        bin: registry.snapshot.bins.find((b) => b.id === d.binId)!,
      })),
      speed: 60,
      seed: 3,
    });
    const emptied: string[] = [];
    const real = fleet;
    const watched: Fleet = {
      ...real,
      empty: (ids) => {
        const list = [...ids];
        emptied.push(...list);

        return real.empty(list);
      },
    };
    // Fast enough that every stop of today is due at once.
    unfollow = closeTheLoop(t.app, watched, 1_000_000, peopleCrewIds);
    const date = wibDate(Date.now());
    await t.app.context.planner.plan(date, 'test', Date.now());

    return { app: t, emptied, date };
  }

  it("empties the planned bins and records the simulated crews' confirmations", async () => {
    const { app, emptied } = await start(new Set());

    await until(() => emptied.length >= 2);
    expect(emptied.sort()).toEqual(['bin-1', 'bin-2']);
    const crew = app.app.context.collections
      .between(0, Date.now() + 60_000)
      .filter((c) => c.source === 'crew');
    expect(crew.map((c) => c.binId).sort()).toEqual(['bin-1', 'bin-2']);
    expect(crew.every((c) => c.clientRef?.startsWith('demo:'))).toBe(true);
  });

  it("leaves the printed crew's stops to the person, whose confirmation empties the bin", async () => {
    const { app, emptied } = await start(new Set(['crew-1']));
    const token = app.app.context.tokens.create('crew', 'person', 'crew-1');

    const confirmed = await api(app, '/api/v1/collections', {
      method: 'POST',
      token,
      body: {
        crewId: 'crew-1',
        binId: 'bin-2',
        status: 'collected',
        clientRef: 'phone-1:bin-2',
        at: new Date(Date.now() - 1_000).toISOString(),
      },
    });
    expect(confirmed.status).toBe(201);

    await until(() => emptied.length > 0);
    // Only the person's bin: the simulated crew made no pickup for crew-1.
    expect(emptied).toEqual(['bin-2']);
    const demoMade = app.app.context.collections
      .between(0, Date.now() + 60_000)
      .filter((c) => c.clientRef?.startsWith('demo:'));
    expect(demoMade).toEqual([]);
  });
});
