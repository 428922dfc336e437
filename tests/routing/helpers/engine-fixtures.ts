import { Individual } from '../../../src/routing/engine/individual.js';
import { type CvrpInstance, makeInstance } from '../../../src/routing/engine/instance.js';
import { LocalSearch } from '../../../src/routing/engine/ls/local-search.js';
import { Rng } from '../../../src/routing/engine/rng.js';

/** Depot at (0, 0) first, then customers; unrounded distances. */
export function pointsInstance(
  points: [number, number][],
  options: { demand?: number[]; capacity?: number; durationLimit?: number } = {},
): CvrpInstance {
  const all: [number, number][] = [[0, 0], ...points];

  return makeInstance({
    demand: options.demand ? [0, ...options.demand] : all.map((_, i) => (i === 0 ? 0 : 1)),
    capacity: options.capacity ?? 100,
    durationLimit: options.durationLimit,
    coords: { x: all.map((p) => p[0]), y: all.map((p) => p[1]), round: false },
  });
}

export function randomInstance(rng: Rng, customers: number, capacity: number): CvrpInstance {
  const points: [number, number][] = Array.from({ length: customers }, () => [
    rng.range(-50, 50),
    rng.range(-50, 50),
  ]);

  return pointsInstance(points, {
    demand: points.map(() => rng.range(1, 9)),
    capacity,
  });
}

/** A local search loaded with `routes` in route slots (extra slots stay empty). */
export function loadedSearch(
  instance: CvrpInstance,
  routes: number[][],
  penalties = { capacity: 1000, duration: 1000 },
  slots = routes.length + 1,
): LocalSearch {
  const ls = new LocalSearch(instance, slots, 20, new Rng(7));
  const ind = new Individual(instance, slots);
  routes.forEach((r, i) => {
    ind.routes[i] = r.slice();
  });
  ls.penaltyCapacity = penalties.capacity;
  ls.penaltyDuration = penalties.duration;
  ls.loadIndividual(ind);

  return ls;
}

/** Current routes of a local search, by slot (empty slots included). */
export function routesOf(ls: LocalSearch): number[][] {
  return ls.routes.map((route) => {
    const customers: number[] = [];
    for (let node = route.depot.next; !node.isDepot; node = node.next) customers.push(node.cour);
    return customers;
  });
}

/** Penalised cost recomputed from scratch (no local-search bookkeeping). */
export function penalisedCost(instance: CvrpInstance, routes: number[][], penalty: number): number {
  const { n, dist, demand, serviceTime, capacity, durationLimit } = instance;
  let total = 0;
  for (const route of routes) {
    if (route.length === 0) continue;
    let prev = 0;
    let load = 0;
    let length = 0;
    let time = 0;
    for (const c of route) {
      length += dist[prev * n + c]!;
      time += dist[prev * n + c]! + serviceTime[c]!;
      load += demand[c]!;
      prev = c;
    }
    length += dist[prev * n]!;
    time += dist[prev * n]!;
    total +=
      length + penalty * Math.max(0, load - capacity) + penalty * Math.max(0, time - durationLimit);
  }

  return total;
}

/** Checks the linked lists and cached route data against a recomputation. */
export function consistencyProblems(ls: LocalSearch): string[] {
  const problems: string[] = [];
  for (const route of ls.routes) {
    let load = 0;
    let count = 0;
    for (let node = route.depot.next; !node.isDepot; node = node.next) {
      if (node.prev.next !== node) problems.push(`broken link at ${node.cour}`);
      if (node.route !== route) problems.push(`${node.cour} has a stale route`);
      load += ls.demand[node.cour]!;
      count++;
      if (Math.abs(node.cumulatedLoad - load) > 1e-9) problems.push(`stale load at ${node.cour}`);
    }
    if (count !== route.nbCustomers) problems.push(`route ${route.cour} count ${count}`);
    if (Math.abs(route.load - load) > 1e-9) problems.push(`route ${route.cour} load`);
  }

  return problems;
}
