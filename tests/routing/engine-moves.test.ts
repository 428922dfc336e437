import { describe, expect, it } from 'vitest';
import type { LocalSearch } from '../../src/routing/engine/ls/local-search.js';
import {
  relocatePair,
  relocatePairReversed,
  relocateSingle,
} from '../../src/routing/engine/ls/moves-relocate.js';
import {
  swapPairPair,
  swapPairSingle,
  swapSingle,
} from '../../src/routing/engine/ls/moves-swap.js';
import { swapStar } from '../../src/routing/engine/ls/moves-swap-star.js';
import { twoOptIntra } from '../../src/routing/engine/ls/moves-two-opt.js';
import {
  twoOptStarCross,
  twoOptStarTails,
} from '../../src/routing/engine/ls/moves-two-opt-star.js';
import { Rng } from '../../src/routing/engine/rng.js';
import {
  consistencyProblems,
  loadedSearch,
  penalisedCost,
  pointsInstance,
  randomInstance,
  routesOf,
} from './helpers/engine-fixtures.js';

type Move = (ls: LocalSearch) => boolean;

/** Applies `move` with U and V set to the given customers (or V = a route's start depot). */
function tryMove(ls: LocalSearch, move: Move, u: number, v: number | { depotOf: number }): boolean {
  ls.setU(ls.clients[u]!);
  ls.setV(typeof v === 'number' ? ls.clients[v]! : ls.routes[v.depotOf]!.depot);

  return move(ls);
}

const nonEmpty = (routes: number[][]) => routes.filter((r) => r.length > 0);

describe('granular moves on hand-built cases', () => {
  it('relocate moves U after V', () => {
    const inst = pointsInstance([
      [10, 0],
      [0, 10.5],
      [0, 10],
    ]);
    const ls = loadedSearch(inst, [[1, 2], [3]]);

    expect(tryMove(ls, relocateSingle, 2, 3)).toBe(true);
    expect(nonEmpty(routesOf(ls))).toEqual([[1], [3, 2]]);
  });

  it('or-opt moves the pair U-X after V, kept or reversed', () => {
    const inst = pointsInstance([
      [10, 0],
      [0, 10.5],
      [0, 11],
      [0, 10],
    ]);
    const kept = loadedSearch(inst, [[1, 2, 3], [4]]);
    const reversed = loadedSearch(inst, [[1, 2, 3], [4]]);

    expect(tryMove(kept, relocatePair, 2, 4)).toBe(true);
    expect(nonEmpty(routesOf(kept))).toEqual([[1], [4, 2, 3]]);
    expect(tryMove(reversed, relocatePairReversed, 2, 4)).toBe(true);
    expect(nonEmpty(routesOf(reversed))).toEqual([[1], [4, 3, 2]]);
  });

  it('swap exchanges U and V', () => {
    const inst = pointsInstance([
      [10, 0],
      [0, 10.2],
      [0, 10],
      [10, 0.2],
    ]);
    const ls = loadedSearch(inst, [
      [1, 2],
      [3, 4],
    ]);

    expect(tryMove(ls, swapSingle, 2, 4)).toBe(true);
    expect(nonEmpty(routesOf(ls))).toEqual([
      [1, 4],
      [3, 2],
    ]);
  });

  it('cross-exchange swaps U-X with V (2-1) and with V-Y (2-2)', () => {
    const twoOne = pointsInstance([
      [10, 0],
      [0, 10.2],
      [0, 10.4],
      [0, 10],
      [10, 0.2],
    ]);
    const a = loadedSearch(twoOne, [
      [1, 2, 3],
      [4, 5],
    ]);
    expect(tryMove(a, swapPairSingle, 2, 5)).toBe(true);
    expect(nonEmpty(routesOf(a))).toEqual([
      [1, 5],
      [4, 2, 3],
    ]);

    const twoTwo = pointsInstance([
      [10, 0],
      [0, 10.2],
      [0, 10.4],
      [0, 10],
      [10, 0.2],
      [10, 0.4],
    ]);
    const b = loadedSearch(twoTwo, [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tryMove(b, swapPairPair, 2, 5)).toBe(true);
    expect(nonEmpty(routesOf(b))).toEqual([
      [1, 5, 6],
      [4, 2, 3],
    ]);
  });

  it('2-opt reverses the segment between U and V in one route', () => {
    const inst = pointsInstance([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
    ]);
    const ls = loadedSearch(inst, [[1, 3, 2, 4]]);

    expect(tryMove(ls, twoOptIntra, 1, 2)).toBe(true);
    expect(nonEmpty(routesOf(ls))).toEqual([[1, 2, 3, 4]]);
  });

  it('2-opt* exchanges route tails, or joins heads and tails reversed', () => {
    const tails = pointsInstance([
      [-1, 1],
      [5, 5],
      [1, 1],
      [-5, 5],
    ]);
    const a = loadedSearch(tails, [
      [1, 2],
      [3, 4],
    ]);
    expect(tryMove(a, twoOptStarTails, 1, 3)).toBe(true);
    expect(nonEmpty(routesOf(a))).toEqual([
      [1, 4],
      [3, 2],
    ]);

    const cross = pointsInstance([
      [1, 1],
      [5, 5],
      [1.2, 1],
      [5.2, 5],
    ]);
    const b = loadedSearch(cross, [
      [1, 2],
      [3, 4],
    ]);
    expect(tryMove(b, twoOptStarCross, 1, 3)).toBe(true);
    expect(nonEmpty(routesOf(b))).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('moves U into an empty route through its depot when its route is overloaded', () => {
    const inst = pointsInstance(
      [
        [10, 0],
        [-10, 0],
      ],
      { demand: [5, 5], capacity: 6 },
    );
    const ls = loadedSearch(inst, [[1, 2], []]);

    expect(tryMove(ls, relocateSingle, 2, { depotOf: 1 })).toBe(true);
    expect(routesOf(ls).slice(0, 2)).toEqual([[1], [2]]);
  });

  it('refuses moves that do not improve, leaving routes untouched', () => {
    const inst = pointsInstance([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
    ]);
    const ls = loadedSearch(inst, [[1, 2, 3, 4]]);
    const before = routesOf(ls);

    for (const move of [relocateSingle, relocatePair, relocatePairReversed, swapSingle]) {
      expect(tryMove(ls, move, 1, 3)).toBe(false);
    }
    for (const move of [swapPairSingle, swapPairPair, twoOptIntra]) {
      expect(tryMove(ls, move, 1, 3)).toBe(false);
    }
    expect(routesOf(ls)).toEqual(before);
  });

  it('prices capacity excess: a cheaper but overloaded relocation is refused', () => {
    const inst = pointsInstance(
      [
        [10, 0],
        [0, 10.5],
        [0, 10],
      ],
      { demand: [1, 5, 5], capacity: 6 },
    );
    const ls = loadedSearch(inst, [[1, 2], [3]]);

    expect(tryMove(ls, relocateSingle, 2, 3)).toBe(false);
  });
});

describe('every move on random solutions', () => {
  const moves: [string, Move][] = [
    ['relocate', relocateSingle],
    ['or-opt', relocatePair],
    ['or-opt reversed', relocatePairReversed],
    ['swap', swapSingle],
    ['cross-exchange 2-1', swapPairSingle],
    ['cross-exchange 2-2', swapPairPair],
    ['2-opt', twoOptIntra],
    ['2-opt* tails', twoOptStarTails],
    ['2-opt* cross', twoOptStarCross],
  ];

  it.each(moves)('%s only applies strict improvements and keeps the data consistent', (_, move) => {
    const rng = new Rng(11);
    let applied = 0;
    for (let trial = 0; trial < 25; trial++) {
      const inst = randomInstance(rng, 9, 15);
      const order = rng.shuffle(Array.from({ length: 9 }, (_, i) => i + 1));
      const ls = loadedSearch(inst, [order.slice(0, 3), order.slice(3, 6), order.slice(6)], {
        capacity: 10,
        duration: 10,
      });
      for (let u = 1; u <= 9; u++) {
        for (let v = 1; v <= 9; v++) {
          if (u === v) continue;
          const before = penalisedCost(inst, routesOf(ls), 10);
          const snapshot = JSON.stringify(routesOf(ls));
          if (tryMove(ls, move, u, v)) {
            applied++;
            expect(penalisedCost(inst, routesOf(ls), 10)).toBeLessThan(before - 1e-6);
            expect(
              routesOf(ls)
                .flat()
                .sort((a, b) => a - b),
            ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
            expect(consistencyProblems(ls)).toEqual([]);
          } else {
            expect(JSON.stringify(routesOf(ls))).toBe(snapshot);
          }
        }
      }
    }
    expect(applied).toBeGreaterThan(0);
  });
});

describe('SWAP*', () => {
  /** Best exchange or relocation between two routes, each customer at its best place. */
  function bruteForceBest(
    inst: ReturnType<typeof pointsInstance>,
    a: number[],
    b: number[],
  ): number {
    const cost = (routes: number[][]) => penalisedCost(inst, routes, 1000);
    const bestInsert = (route: number[], c: number): number[] => {
      let best: number[] = [];
      let bestCost = Number.POSITIVE_INFINITY;
      for (let p = 0; p <= route.length; p++) {
        const candidate = [...route.slice(0, p), c, ...route.slice(p)];
        const value = cost([candidate]);
        if (value < bestCost) {
          bestCost = value;
          best = candidate;
        }
      }
      return best;
    };
    let best = cost([a, b]);
    for (const u of a) {
      for (const v of b) {
        const newA = bestInsert(
          a.filter((c) => c !== u),
          v,
        );
        const newB = bestInsert(
          b.filter((c) => c !== v),
          u,
        );
        best = Math.min(best, cost([newA, newB]));
      }
      best = Math.min(best, cost([a.filter((c) => c !== u), bestInsert(b, u)]));
    }
    for (const v of b) best = Math.min(best, cost([bestInsert(a, v), b.filter((c) => c !== v)]));

    return best;
  }

  it('finds the best exchange with free reinsertion between two routes', () => {
    const rng = new Rng(5);
    let improved = 0;
    for (let trial = 0; trial < 40; trial++) {
      const inst = randomInstance(rng, 8, 100);
      const order = rng.shuffle(Array.from({ length: 8 }, (_, i) => i + 1));
      const a = order.slice(0, 4);
      const b = order.slice(4);
      const ls = loadedSearch(inst, [a, b]);
      const expected = bruteForceBest(inst, a, b);
      const before = penalisedCost(inst, [a, b], 1000);

      const applied = swapStar(ls, ls.routes[0]!, ls.routes[1]!);
      const after = penalisedCost(inst, routesOf(ls), 1000);
      if (expected < before - 1e-5) {
        improved++;
        expect(applied).toBe(true);
        expect(after).toBeCloseTo(expected, 6);
        expect(consistencyProblems(ls)).toEqual([]);
      } else {
        expect(applied).toBe(false);
      }
    }
    expect(improved).toBeGreaterThan(5);
  });
});
