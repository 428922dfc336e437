import { describe, expect, it } from 'vitest';
import { checkCvrpSolution } from '../../src/routing/check/cvrp-checker.js';
import { solveHgs } from '../../src/routing/engine/hgs.js';
import { Individual } from '../../src/routing/engine/individual.js';
import { routesDistance } from '../../src/routing/engine/instance.js';
import { Rng } from '../../src/routing/engine/rng.js';
import { savingsRoutes } from '../../src/routing/engine/savings.js';
import { solveSisr } from '../../src/routing/engine/sisr.js';
import { solveCvrp } from '../../src/routing/engine/solve-cvrp.js';
import { Splitter } from '../../src/routing/engine/split.js';
import { bruteForceOptimum } from './helpers/brute-force.js';
import { randomInstance } from './helpers/engine-fixtures.js';

const checkInput = (inst: ReturnType<typeof randomInstance>, maxRoutes: number | null = null) => ({
  x: Array.from(inst.x!),
  y: Array.from(inst.y!),
  demand: Array.from(inst.demand),
  capacity: inst.capacity,
  round: false,
  maxRoutes,
});

describe('solvers reach the brute-forced optimum on small instances', () => {
  const rng = new Rng(2024);
  const cases = Array.from({ length: 6 }, (_, i) => ({ i, inst: randomInstance(rng, 9, 14 + i) }));

  it.each(cases)('instance $i: hybrid genetic search', ({ inst }) => {
    const optimum = bruteForceOptimum(inst);
    const sol = solveHgs(inst, { timeLimitMs: 5000, maxIterations: 300, seed: 3 });

    expect(checkCvrpSolution(checkInput(inst), sol.routes, sol.cost).problems).toEqual([]);
    expect(sol.cost).toBeCloseTo(optimum, 6);
  });

  it.each(cases)('instance $i: SISR ruin and recreate', ({ inst }) => {
    const optimum = bruteForceOptimum(inst);
    const sol = solveSisr(inst, { timeLimitMs: 5000, maxIterations: 20_000, seed: 3 });

    expect(checkCvrpSolution(checkInput(inst), sol.routes, sol.cost).problems).toEqual([]);
    expect(sol.cost).toBeCloseTo(optimum, 6);
  });

  it('respects a fleet bound that makes the optimum dearer', () => {
    const inst = { ...randomInstance(new Rng(9), 9, 20), maxRoutes: 3 };
    const free = bruteForceOptimum({ ...inst, maxRoutes: null });
    const bounded = bruteForceOptimum(inst, 3);
    const sol = solveCvrp(inst, { timeLimitMs: 5000, maxIterations: 300, seed: 1 });

    expect(bounded).toBeGreaterThanOrEqual(free);
    expect(sol.routes.length).toBeLessThanOrEqual(3);
    expect(checkCvrpSolution(checkInput(inst, 3), sol.routes, sol.cost).problems).toEqual([]);
    expect(sol.cost).toBeCloseTo(bounded, 6);
  });
});

describe('determinism', () => {
  it('gives identical routes for the same seed and iteration budget', () => {
    const inst = randomInstance(new Rng(4), 40, 30);
    const run = (seed: number) =>
      solveCvrp(inst, { timeLimitMs: 60_000, maxIterations: 150, seed });

    expect(run(8).routes).toEqual(run(8).routes);
  });

  it('SISR is deterministic for a seed too', () => {
    const inst = randomInstance(new Rng(4), 60, 30);
    const run = () => solveSisr(inst, { timeLimitMs: 60_000, maxIterations: 3000, seed: 5 });

    expect(run().routes).toEqual(run().routes);
  });
});

describe('construction and split', () => {
  it('savings routes are feasible and cheaper than one route per customer', () => {
    const inst = randomInstance(new Rng(6), 30, 25);
    const routes = savingsRoutes(inst);
    const singles = routesDistance(
      inst,
      Array.from({ length: 30 }, (_, i) => [i + 1]),
    );

    expect(checkCvrpSolution(checkInput(inst), routes).problems).toEqual([]);
    expect(routesDistance(inst, routes)).toBeLessThan(singles);
  });

  it('split cuts a giant tour optimally (compared with all cut sets)', () => {
    const inst = randomInstance(new Rng(12), 8, 15);
    const ind = new Individual(inst, 8);
    ind.giantTour.set([3, 1, 4, 8, 5, 2, 7, 6]);
    new Splitter(inst, 8).split(ind, { capacity: 1e6, duration: 1 });

    let best = Number.POSITIVE_INFINITY;
    for (let mask = 0; mask < 1 << 7; mask++) {
      const routes: number[][] = [[3]];
      [1, 4, 8, 5, 2, 7, 6].forEach((c, k) => {
        if (mask & (1 << k)) routes.push([c]);
        else routes[routes.length - 1]!.push(c);
      });
      if (checkCvrpSolution(checkInput(inst), routes).ok)
        best = Math.min(best, routesDistance(inst, routes));
    }
    expect(ind.feasible).toBe(true);
    expect(ind.distance).toBeCloseTo(best, 9);
  });
});
