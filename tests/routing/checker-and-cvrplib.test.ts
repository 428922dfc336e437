import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchDataPath } from '../../bench/routing/paths.js';
import { checkCvrpSolution } from '../../src/routing/check/cvrp-checker.js';
import {
  conventionFor,
  fleetFromName,
  instanceFromVrp,
  setOf,
} from '../../src/routing/cvrplib/conventions.js';
import { parseSol } from '../../src/routing/cvrplib/parse-sol.js';
import { parseVrp, VrpParseError } from '../../src/routing/cvrplib/parse-vrp.js';
import { routesDistance } from '../../src/routing/engine/instance.js';

const SMALL_VRP = [
  'NAME : T-n5-k2',
  'COMMENT : hand-made test instance',
  'TYPE : CVRP',
  'DIMENSION : 5',
  'EDGE_WEIGHT_TYPE : EUC_2D',
  'CAPACITY : 10',
  'NODE_COORD_SECTION',
  '1\t0\t0',
  '2 3 0',
  '3 3 4',
  '4 -3 0',
  '5 0 -1.6',
  'DEMAND_SECTION',
  '1 0',
  '2 4',
  '3 5',
  '4 6',
  '5 3',
  'DEPOT_SECTION',
  ' 1',
  ' -1',
  'EOF',
].join('\r\n');

const small = () => {
  const vrp = parseVrp(SMALL_VRP);
  return {
    x: vrp.x,
    y: vrp.y,
    demand: vrp.demand,
    capacity: vrp.capacity,
    round: true,
    maxRoutes: 2,
  };
};

describe('independent CVRP checker', () => {
  it('accepts a valid solution and recomputes its cost with nint rounding per arc', () => {
    // Arcs: 0-1 = 3, 1-2 = 4, 2-0 = 5; 0-3 = 3, 3-4 = nint(3.44) = 3, 4-0 = nint(1.6) = 2.
    const check = checkCvrpSolution(
      small(),
      [
        [1, 2],
        [3, 4],
      ],
      20,
    );

    expect(check).toEqual({ ok: true, problems: [], cost: 20 });
  });

  it('uses unrounded distances when told so', () => {
    const check = checkCvrpSolution({ ...small(), round: false }, [
      [1, 2],
      [3, 4],
    ]);

    expect(check.cost).toBeCloseTo(12 + 3 + Math.hypot(3, 1.6) + 1.6, 9);
  });

  it('reports each kind of violation', () => {
    const problems = (routes: number[][], cost?: number, extra = {}) =>
      checkCvrpSolution({ ...small(), ...extra }, routes, cost).problems;

    expect(problems([[1, 2], [3]])).toEqual(['customer 4 is not visited']);
    expect(
      problems([
        [1, 2],
        [3, 4, 1],
      ]),
    ).toContain('customer 1 is visited 2 times');
    expect(problems([[1, 2, 4], [3]])).toContain('route 1: load 12 > capacity 10');
    expect(problems([[1], [2], [3, 4]])).toEqual(['3 routes > fleet of 2']);
    expect(
      problems(
        [
          [1, 2],
          [3, 4],
        ],
        19,
      ),
    ).toEqual(['claimed cost 19 != recomputed 20']);
    expect(
      problems([
        [1, 2],
        [3, 0, 4],
      ]),
    ).toContain('route 2: 0 is not a customer');
    expect(
      problems(
        [
          [1, 2],
          [3, 4],
        ],
        undefined,
        { durationLimit: 10, serviceTime: 1 },
      ),
    ).toEqual(['route 1: length 14.00 > limit 10']);
  });
});

describe('CVRPLIB files', () => {
  it('parses header, sections, tabs and CRLF', () => {
    const vrp = parseVrp(SMALL_VRP);

    expect(vrp).toMatchObject({ name: 'T-n5-k2', dimension: 5, capacity: 10, serviceTime: 0 });
    expect(vrp.x).toEqual([0, 3, 3, -3, 0]);
    expect(vrp.demand).toEqual([0, 4, 5, 6, 3]);
    expect(vrp.distanceLimit).toBeNull();
  });

  it('rejects malformed files with the line at fault', () => {
    expect(() => parseVrp(SMALL_VRP.replace('2 3 0', '2 three 0'))).toThrow(
      /line 9: expected numbers/,
    );
    expect(() => parseVrp(SMALL_VRP.replace('DIMENSION : 5', 'DIMENSION : 6'))).toThrow(
      VrpParseError,
    );
    expect(() => parseVrp(SMALL_VRP.replace('EUC_2D', 'GEO'))).toThrow(/only EUC_2D/);
  });

  it('knows each set convention', () => {
    expect(conventionFor('A-n32-k5')).toEqual({ round: true, fleetFromName: true });
    expect(conventionFor('X-n101-k25')).toEqual({ round: true, fleetFromName: false });
    expect(conventionFor('CMT6')).toEqual({ round: false, fleetFromName: false });
    expect(setOf('P-n55-k8')).toBe('P');
    expect(setOf('CMT11')).toBe('CMT');
    expect(fleetFromName('B-n78-k10')).toBe(10);
  });

  it('reproduces the stored P-n55-k8 solution cost (576, 7 of at most 8 routes)', () => {
    const vrp = parseVrp(readFileSync(benchDataPath('cvrplib', 'P', 'P-n55-k8.vrp'), 'utf8'));
    const sol = parseSol(readFileSync(benchDataPath('cvrplib', 'P', 'P-n55-k8.sol'), 'utf8'));
    const inst = instanceFromVrp(vrp);
    const check = checkCvrpSolution(
      { x: vrp.x, y: vrp.y, demand: vrp.demand, capacity: vrp.capacity, round: true, maxRoutes: 8 },
      sol.routes,
      sol.cost ?? undefined,
    );

    expect(check.problems).toEqual([]);
    expect(check.cost).toBe(576);
    expect(sol.routes).toHaveLength(7);
    expect(routesDistance(inst, sol.routes)).toBe(576);
    expect(inst.maxRoutes).toBe(8);
  });

  it('reads CMT service times and route-length limits without rounding', () => {
    const vrp = parseVrp(readFileSync(benchDataPath('cvrplib', 'CMT', 'CMT6.vrp'), 'utf8'));
    const inst = instanceFromVrp(vrp);

    expect(vrp.distanceLimit).toBe(200);
    expect(inst.serviceTime[1]).toBe(10);
    expect(inst.durationLimit).toBe(200);
    expect(Number.isInteger(inst.dist[1]!)).toBe(false);
  });
});
