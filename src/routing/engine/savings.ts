import type { CvrpInstance } from './instance.js';
import { customerIndexes, nearestInRow } from './nearest.js';

/**
 * Clarke and Wright (1964) parallel savings: start with one route per customer and merge
 * route ends in decreasing order of saving d(0,i) + d(0,j) - d(i,j) while capacity and route
 * duration allow. On large instances only pairs among each customer's `neighbours` nearest
 * are considered, which loses little (long merges save little) and keeps it fast.
 */
export function savingsRoutes(instance: CvrpInstance, neighbours = 60): number[][] {
  const { n, dist, demand, capacity, durationLimit, serviceTime } = instance;
  const pairs = collectPairs(instance, neighbours);

  const routeOf = new Int32Array(n);
  const first = new Int32Array(n);
  const last = new Int32Array(n);
  const next = new Int32Array(n).fill(-1);
  const load = new Float64Array(n);
  const duration = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    routeOf[i] = i;
    first[i] = i;
    last[i] = i;
    load[i] = demand[i]!;
    duration[i] = 2 * dist[i]! + serviceTime[i]!;
  }

  const reverse = (r: number): void => {
    let prev = -1;
    for (let c = first[r]!; c !== -1; ) {
      const following = next[c]!;
      next[c] = prev;
      prev = c;
      c = following;
    }
    const f = first[r]!;
    first[r] = last[r]!;
    last[r] = f;
  };

  for (const { i, j } of pairs) {
    const ri = routeOf[i]!;
    const rj = routeOf[j]!;
    if (ri === rj || load[ri]! + load[rj]! > capacity) continue;
    const iEnd = last[ri] === i || first[ri] === i;
    const jEnd = last[rj] === j || first[rj] === j;
    if (!iEnd || !jEnd) continue;

    const merged = duration[ri]! + duration[rj]! - dist[i]! - dist[j]! + dist[i * n + j]!;
    if (merged > durationLimit) continue;

    // Orient so that i ends route ri and j starts route rj, then append rj to ri.
    if (last[ri] !== i) reverse(ri);
    if (first[rj] !== j) reverse(rj);
    next[i] = j;
    last[ri] = last[rj]!;
    load[ri] = load[ri]! + load[rj]!;
    duration[ri] = merged;
    for (let c = j; c !== -1; c = next[c]!) routeOf[c] = ri;
  }

  const routes: number[][] = [];
  for (let r = 1; r < n; r++) {
    // Route ids die when merged into another; a live route still holds its own customer.
    if (routeOf[r] !== r) continue;
    const route: number[] = [];
    for (let c = first[r]!; c !== -1; c = next[c]!) route.push(c);
    routes.push(route);
  }

  return routes;
}

function collectPairs(
  instance: CvrpInstance,
  neighbours: number,
): { i: number; j: number; s: number }[] {
  const { n, dist } = instance;
  const pairs: { i: number; j: number; s: number }[] = [];
  const saving = (i: number, j: number) => dist[i]! + dist[j]! - dist[i * n + j]!;
  if (n - 1 <= neighbours + 1) {
    for (let i = 1; i < n; i++)
      for (let j = i + 1; j < n; j++) pairs.push({ i, j, s: saving(i, j) });
  } else {
    const seen = new Set<number>();
    const customers = customerIndexes(n);
    for (let i = 1; i < n; i++) {
      for (const j of nearestInRow(dist.subarray(i * n, (i + 1) * n), i, neighbours, customers)) {
        const key = Math.min(i, j) * n + Math.max(i, j);
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push({ i: Math.min(i, j), j: Math.max(i, j), s: saving(i, j) });
      }
    }
  }

  return pairs.sort((a, b) => b.s - a.s || a.i - b.i || a.j - b.j);
}
