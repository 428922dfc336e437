import type { CvrpInstance } from '../../../src/routing/engine/instance.js';

/**
 * Exact CVRP optimum by dynamic programming over customer subsets (only for about 10
 * customers): the shortest closed tour of every subset that fits one vehicle (Held-Karp),
 * then the cheapest partition of all customers into at most `maxRoutes` such subsets.
 */
export function bruteForceOptimum(
  inst: CvrpInstance,
  maxRoutes = Number.POSITIVE_INFINITY,
): number {
  const m = inst.n - 1;
  const full = (1 << m) - 1;
  const d = (a: number, b: number) => inst.dist[a * inst.n + b]!;

  // path[S][j]: shortest path from the depot through all of S ending at customer j (in S).
  const path = Array.from({ length: 1 << m }, () =>
    new Float64Array(m).fill(Number.POSITIVE_INFINITY),
  );
  for (let j = 0; j < m; j++) path[1 << j]![j] = d(0, j + 1);
  for (let s = 1; s <= full; s++) {
    for (let j = 0; j < m; j++) {
      const base = path[s]![j]!;
      if (!(s & (1 << j)) || base === Number.POSITIVE_INFINITY) continue;
      for (let k = 0; k < m; k++) {
        if (s & (1 << k)) continue;
        const t = s | (1 << k);
        path[t]![k] = Math.min(path[t]![k]!, base + d(j + 1, k + 1));
      }
    }
  }

  const tour = new Float64Array(1 << m).fill(Number.POSITIVE_INFINITY);
  for (let s = 1; s <= full; s++) {
    let load = 0;
    for (let j = 0; j < m; j++) if (s & (1 << j)) load += inst.demand[j + 1]!;
    if (load > inst.capacity) continue;
    for (let j = 0; j < m; j++) {
      if (s & (1 << j)) tour[s] = Math.min(tour[s]!, path[s]![j]! + d(j + 1, 0));
    }
  }

  // best[k][S]: S covered with exactly k routes; the route holding S's lowest customer first.
  const routesCap = Math.min(maxRoutes, m);
  let best = new Float64Array(1 << m).fill(Number.POSITIVE_INFINITY);
  best[0] = 0;
  let answer = Number.POSITIVE_INFINITY;
  for (let k = 1; k <= routesCap; k++) {
    const next = new Float64Array(1 << m).fill(Number.POSITIVE_INFINITY);
    for (let s = 1; s <= full; s++) {
      const low = s & -s;
      for (let sub = s; sub > 0; sub = (sub - 1) & s) {
        if (!(sub & low) || tour[sub] === Number.POSITIVE_INFINITY) continue;
        next[s] = Math.min(next[s]!, best[s ^ sub]! + tour[sub]!);
      }
    }
    best = next;
    answer = Math.min(answer, best[full]!);
  }

  return answer;
}
