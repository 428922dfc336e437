import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Fleet, startFleet } from '../../firmware-sim/fleet.js';
import { type PickupFollower, startPickupFollower } from '../../firmware-sim/pickup-follower.js';
import { PlanShapeError, plannedPickups } from '../../firmware-sim/plan-pickups.js';
import type { StoredPlan } from '../../src/routing/plan-repo.js';
import { ADMIN_TOKEN, fillTwoOfThree, startTestApp, type TestApp } from '../helpers/test-app.js';
import { testBin } from './helpers/bins.js';
import { TestBroker, waitFor } from './helpers/broker.js';
import { planFor, storedPlanFor } from './helpers/plan.js';

const DATE = '2026-03-04';
const TOKEN = 'office-token';

describe('plan parsing', () => {
  it('lists pickup stops in route order, without depot and disposal visits', () => {
    const pickups = plannedPickups(storedPlanFor(DATE, ['bin-a', 'bin-b', 'bin-c']));

    expect(pickups.map((p) => p.binId)).toEqual(['bin-a', 'bin-b', 'bin-c']);
    expect(pickups[0]).toEqual({ binId: 'bin-a', vehicleId: 'truck-1', etaMin: 310 });
  });

  it('names the field when the response is not a plan', () => {
    const vehicles = [{ vehicleId: 'truck-1', trips: [{ stops: [{}] }] }];
    const broken = { ...storedPlanFor(DATE, []), plan: { vehicles } };

    expect(() => plannedPickups(broken)).toThrow(PlanShapeError);
    expect(() => plannedPickups(broken)).toThrow(/plan\.vehicles\.0\.trips\.0\.stops\.0\.type/);
  });

  it('refuses a bare plan result: the API wraps it in a stored plan', () => {
    expect(() => plannedPickups(planFor(DATE, ['bin-a']))).toThrow(/plan: /);
  });
});

describe('pickup follower against a stand-in plan server', () => {
  let app: FastifyInstance;
  let apiUrl: string;
  let plans: Map<string, unknown>;
  let follower: PickupFollower | null = null;
  const emptied: Array<{ binIds: string[]; date: string }> = [];

  beforeEach(async () => {
    plans = new Map();
    emptied.length = 0;
    app = Fastify();
    app.get<{ Params: { date: string } }>('/api/v1/plans/:date', async (request, reply) => {
      if (request.headers.authorization !== `Bearer ${TOKEN}`) {
        return reply.code(401).send({ code: 'unauthorized', message: 'bad token' });
      }
      const plan = plans.get(request.params.date);
      if (plan === undefined)
        return reply.code(404).send({ code: 'not_found', message: 'no plan' });

      return plan;
    });
    apiUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterEach(async () => {
    follower?.stop();
    follower = null;
    await app.close();
  });

  function follow(token = TOKEN): PickupFollower {
    follower = startPickupFollower({
      apiUrl,
      token,
      today: () => DATE,
      pollIntervalMs: 3_600_000,
      emptyDelayMs: 20,
      onPickups: (binIds, date) => emptied.push({ binIds, date }),
    });

    return follower;
  }

  it('empties the planned bins once each, and later additions when re-planned', async () => {
    plans.set(DATE, storedPlanFor(DATE, ['bin-a', 'bin-b', 'bin-c']));
    const running = follow();
    await waitFor('first batch emptied', () => emptied.length === 1);

    expect(emptied[0]).toEqual({ binIds: ['bin-a', 'bin-b', 'bin-c'], date: DATE });
    expect(await running.pollNow()).toEqual({ status: 'planned', date: DATE, newBinIds: [] });

    plans.set(DATE, storedPlanFor(DATE, ['bin-a', 'bin-d']));
    expect(await running.pollNow()).toEqual({
      status: 'planned',
      date: DATE,
      newBinIds: ['bin-d'],
    });
    await waitFor('second batch emptied', () => emptied.length === 2);
    expect(emptied[1]!.binIds).toEqual(['bin-d']);
  });

  it('waits quietly while there is no plan for the day', async () => {
    plans.set('2026-03-03', storedPlanFor('2026-03-03', ['bin-a']));
    const running = follow();

    expect(await running.pollNow()).toEqual({ status: 'no-plan', date: DATE });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(emptied).toHaveLength(0);
  });

  it('reports a refused token or a malformed plan as a failed poll', async () => {
    plans.set(DATE, storedPlanFor(DATE, ['bin-a']));
    const outsider = follow('wrong');
    expect(await outsider.pollNow()).toMatchObject({
      status: 'failed',
      reason: 'HTTP 401 (check the token)',
    });
    outsider.stop();

    plans.set(DATE, { ...storedPlanFor(DATE, []), plan: { vehicles: 'none' } });
    const reader = follow();
    const outcome = await reader.pollNow();
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.reason).toMatch(/vehicles/);
    expect(emptied).toHaveLength(0);
  });

  it('closes the loop: bins on the plan are emptied in the live fleet', async () => {
    const broker = await TestBroker.start({ 'dev-a': 'sa', 'dev-b': 'sb' });
    let fleet: Fleet | null = null;
    try {
      // Seed 7 starts bin-a 43 % full (see fleet.test.ts); bin-b is not on the plan.
      fleet = startFleet({
        brokerUrl: broker.url,
        devices: [
          { deviceId: 'dev-a', secret: 'sa', bin: testBin('bin-a') },
          { deviceId: 'dev-b', secret: 'sb', bin: testBin('bin-b') },
        ],
        speed: 9000,
        seed: 7,
        connectSpreadMs: 20,
      });
      const running = fleet;
      const plan: StoredPlan = storedPlanFor(DATE, ['bin-a']);
      let countAtEmpty = 0;
      plans.set(DATE, plan);
      follower = startPickupFollower({
        apiUrl,
        token: TOKEN,
        today: () => DATE,
        emptyDelayMs: 300,
        onPickups: (binIds) => {
          countAtEmpty = broker.telemetry('dev-a').length;
          running.empty(binIds);
        },
      });

      await waitFor('bin-a emptied', () => running.stats().emptied === 1);
      await waitFor('readings after', () => broker.telemetry('dev-a').length > countAtEmpty + 1);

      const fillOf = (frame: { body: string }) =>
        (1300 - (JSON.parse(frame.body) as { distance_mm: number }).distance_mm) / 1100;
      const series = broker.telemetry('dev-a').map(fillOf);
      expect(series[countAtEmpty - 1]!).toBeGreaterThan(0.4);
      expect(series[countAtEmpty + 1]!).toBeLessThan(0.06);
      expect(
        broker
          .telemetry('dev-b')
          .map(fillOf)
          .every((fill) => fill > 0.1),
      ).toBe(true);
    } finally {
      await fleet?.stop();
      await broker.stop();
    }
  });
});

describe('pickup follower against the real API', () => {
  let t: TestApp;
  let follower: PickupFollower | null = null;

  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    follower?.stop();
    follower = null;
    await t.close();
  });

  it('reads the plan GET /api/v1/plans/{date} serves and empties its bins', async () => {
    // Two bins over the threshold and one nearly empty, through the real ingest path.
    await fillTwoOfThree(t);
    const made = await fetch(`${t.baseUrl}/api/v1/plans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(made.status).toBe(201);
    const { date } = (await made.json()) as { date: string };

    const emptied: string[][] = [];
    follower = startPickupFollower({
      apiUrl: t.baseUrl,
      token: t.app.context.tokens.create('office', 'sim follower'),
      today: () => date,
      pollIntervalMs: 3_600_000,
      emptyDelayMs: 0,
      onPickups: (binIds) => emptied.push(binIds),
    });
    await waitFor('planned bins emptied', () => emptied.length === 1);

    expect(emptied[0]!.slice().sort()).toEqual(['bin-1', 'bin-2']);
  });
});
