import { describe, expect, it } from 'vitest';
import { serangDay } from '../../bench/routing/serang-scenario.js';
import { checkPlan } from '../../src/routing/check/plan-checker.js';
import { planDay } from '../../src/routing/plan-day.js';
import type { PlanResult } from '../../src/routing/plan-types.js';
import { bin, request, roadKm, site, truck } from './helpers/day-fixtures.js';

/** Plans on the test thread: same code as the worker path, without the thread start-up. */
const INLINE = { inWorker: false };

const pickups = (plan: PlanResult) =>
  plan.vehicles.flatMap((v) => v.trips.flatMap((t) => t.stops.filter((s) => s.type === 'pickup')));

const disposalKinds = (plan: PlanResult, facilities: { id: string; kind: string }[]) =>
  plan.vehicles.flatMap((v) =>
    v.trips.map((t) => facilities.find((f) => f.id === t.disposalFacilityId)!.kind),
  );

describe('planDay on a Serang-shaped day', () => {
  it('serves or explains every candidate and passes the independent checker', async () => {
    const req = serangDay({
      candidates: 150,
      dumpTrucks: 8,
      armRolls: 3,
      threeWheelers: 3,
      timeLimitMs: 400,
    });
    const plan = await planDay(req, INLINE);

    const check = checkPlan(req, plan, roadKm(req));
    expect(check.problems).toEqual([]);
    expect(pickups(plan).length + plan.unserved.length).toBe(150);
    expect(pickups(plan).length).toBeGreaterThan(50);
    expect(plan.totals.fuelLitres).toBeGreaterThan(0);
  });

  it('never sends a three-wheeler to the landfill', async () => {
    const req = serangDay({
      candidates: 80,
      dumpTrucks: 0,
      armRolls: 0,
      threeWheelers: 4,
      timeLimitMs: 300,
    });
    req.facilities.push({
      ...req.facilities[3]!,
      id: 'tps-ciruas',
      name: 'TPS Ciruas',
      kind: 'TPS',
      dailyCapTonnes: null,
    });
    const plan = await planDay(req, INLINE);

    expect(checkPlan(req, plan, roadKm(req)).problems).toEqual([]);
    const kinds = disposalKinds(plan, req.facilities);
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds).not.toContain('TPA');
    expect(kinds).not.toContain('TPST');
  });
});

describe('planDay rules on small days', () => {
  it('puts one skip per arm-roll trip and defers the skip that does not fit', async () => {
    const req = request({
      vehicles: [truck('ar', 'arm-roll')],
      candidates: [
        bin('s1', [2, 0], 'armroll-skip-6m3', 'overflowing', 6),
        bin('s2', [3, 1], 'armroll-skip-6m3', 'routine', 5),
        bin('s3', [3, -1], 'armroll-skip-6m3', 'predicted', 5),
      ],
    });
    const plan = await planDay(req, INLINE);

    expect(checkPlan(req, plan, roadKm(req)).problems).toEqual([]);
    const trips = plan.vehicles[0]!.trips;
    expect(trips).toHaveLength(2);
    for (const trip of trips) expect(trip.stops.filter((s) => s.type === 'pickup')).toHaveLength(1);
    expect(plan.unserved).toEqual([
      { binId: 's2', priority: 'routine', reason: expect.stringContaining('fleet capacity') },
    ]);
  });

  it('keeps trucks away from a landfill closed on Sunday, using the open alternative', async () => {
    const facilities = [
      site('depot', 'depot', [0, 0]),
      site('cilowong', 'TPA', [5, 0], { openDays: [1, 2, 3, 4, 5, 6] }),
      site('kibin', 'TPST', [20, 0]),
    ];
    const candidates = [bin('a', [3, 1]), bin('b', [4, -1])];
    const monday = await planDay(request({ facilities, candidates }), INLINE);
    const sunday = await planDay(request({ facilities, candidates, date: '2026-03-01' }), INLINE);

    expect(monday.vehicles[0]!.trips.map((t) => t.disposalFacilityId)).toEqual(['cilowong']);
    expect(sunday.vehicles[0]!.trips.map((t) => t.disposalFacilityId)).toEqual(['kibin']);
    expect(sunday.unserved).toEqual([]);
  });

  it('explains bins left when the only site is closed', async () => {
    const req = request({
      date: '2026-03-01',
      facilities: [
        site('depot', 'depot', [0, 0]),
        site('cilowong', 'TPA', [5, 0], { openDays: [1, 2, 3, 4, 5, 6] }),
      ],
      candidates: [bin('a', [3, 1], 'wheelie-660', 'overflowing')],
    });
    const plan = await planDay(req, INLINE);

    expect(plan.vehicles[0]!.trips).toEqual([]);
    expect(plan.unserved[0]!.reason).toMatch(/no disposal site.*cilowong is closed on day 7/);
  });

  it('respects a shared daily cap and defers the lowest priority first', async () => {
    const req = request({
      vehicles: [truck('t1', 'dump-truck'), truck('t2', 'dump-truck')],
      facilities: [
        site('depot', 'depot', [0, 0]),
        site('tpa', 'TPA', [6, 0], { dailyCapTonnes: 1 }),
      ],
      deliveredTonnes: { tpa: 0.4 },
      candidates: [
        bin('hot', [2, 1], 'wheelie-660', 'overflowing', 2),
        bin('soon', [2, 2], 'wheelie-660', 'predicted', 0.3),
        bin('later', [2, 3], 'wheelie-660', 'routine', 1),
      ],
    });
    const plan = await planDay(req, INLINE);

    expect(checkPlan(req, plan, roadKm(req)).problems).toEqual([]);
    expect(
      pickups(plan)
        .map((s) => s.refId)
        .sort(),
    ).toEqual(['hot', 'soon']);
    expect(plan.unserved).toEqual([
      {
        binId: 'later',
        priority: 'routine',
        reason: expect.stringContaining('daily disposal cap'),
      },
    ]);
    expect(plan.facilities[0]).toMatchObject({
      plannedTonnes: 0.575,
      capTonnes: 1,
      alreadyDeliveredTonnes: 0.4,
    });
  });

  it('falls back to another site when the nearest one refuses waste', async () => {
    const facilities = [
      site('depot', 'depot', [0, 0]),
      site('near', 'TPA', [3, 0]),
      site('far', 'TPA', [-12, 0]),
    ];
    const candidates = [bin('a', [2, 1])];
    const normal = await planDay(request({ facilities, candidates }), INLINE);
    const blocked = await planDay(
      request({ facilities, candidates, blockedFacilityIds: ['near'] }),
      INLINE,
    );

    expect(normal.vehicles[0]!.trips[0]!.disposalFacilityId).toBe('near');
    expect(blocked.vehicles[0]!.trips[0]!.disposalFacilityId).toBe('far');
  });

  it('reports shift, vehicle kind and unavailable-vehicle reasons', async () => {
    const req = request({
      vehicles: [truck('t1', 'dump-truck'), truck('ar', 'arm-roll', { available: false })],
      crews: [{ id: 'c1', name: 'Regu 1', vehicleId: 't1', shiftStartMin: 300, shiftEndMin: 330 }],
      candidates: [bin('far', [40, 0]), bin('skip', [1, 0], 'armroll-skip-6m3', 'routine', 5)],
    });
    const plan = await planDay(req, INLINE);
    const reasons = Object.fromEntries(plan.unserved.map((u) => [u.binId, u.reason]));

    expect(reasons.far).toMatch(/shift time/);
    expect(reasons.skip).toMatch(
      /no available vehicle can empty a armroll-skip-6m3 .*ar unavailable/,
    );
  });

  it('gives ETAs in shift order and the load after each stop', async () => {
    const req = request({
      crews: [{ id: 'c1', name: 'Regu 1', vehicleId: 't1', shiftStartMin: 360, shiftEndMin: 720 }],
      candidates: [bin('a', [2, 0]), bin('b', [4, 0]), bin('c', [6, 0])],
    });
    const plan = await planDay(req, INLINE);
    const stops = plan.vehicles[0]!.trips[0]!.stops;

    expect(stops.map((s) => s.type)).toEqual([
      'depot',
      'pickup',
      'pickup',
      'pickup',
      'disposal',
      'depot',
    ]);
    expect(stops[0]!.etaMin).toBe(360);
    expect(stops.map((s) => s.loadAfterKg)).toEqual([0, 150, 300, 450, 0, 0]);
    expect(plan.vehicles[0]!.crewId).toBe('c1');
  });
});
