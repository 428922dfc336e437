import type { CvrpSolution, SolveOptions } from './hgs.js';
import type { CvrpInstance } from './instance.js';
import { customerIndexes, nearestInRow } from './nearest.js';
import { Rng } from './rng.js';

/**
 * Ruin and recreate with slack induction by string removals (Christiaens and Vanden Berghe
 * 2020) under simulated annealing. Each iteration removes a few strings of customers around
 * a random seed from neighbouring routes and reinserts them greedily with "blinks"; costs a
 * few microseconds, so on large instances it makes far more progress per second than a
 * population search whose every child needs a full local search. Unlimited fleet only.
 */
export interface SisrOptions extends SolveOptions {
  /** Starting routes (feasible); a single-customer-per-route start is used otherwise. */
  initialRoutes?: number[][];
}

const AVG_REMOVED = 10;
const MAX_STRING = 10;
const SPLIT_RATE = 0.5;
const SPLIT_DEPTH = 0.01;
const BLINK_RATE = 0.01;
/** Customers whose routes are candidates when reinserting a customer. */
const INSERT_NEIGHBOURS = 40;
/** Routes (those of the nearest customers) where a removed customer may be reinserted. */
const CANDIDATE_ROUTES = 8;
/** Customers scanned around the ruin seed. */
const RUIN_NEIGHBOURS = 100;

export function solveSisr(instance: CvrpInstance, options: SisrOptions): CvrpSolution {
  const started = performance.now();
  const deadline = started + options.timeLimitMs;
  const rng = new Rng(options.seed ?? 1);
  const { n, dist, demand, capacity } = instance;
  const neighbours = nearestLists(instance, Math.max(RUIN_NEIGHBOURS, INSERT_NEIGHBOURS));

  const state = new RouteState(instance, options.initialRoutes ?? singletons(n));
  let current = state.cost();
  let best = current;
  let bestRoutes = state.snapshot();
  let timeToBestMs = 0;

  let meanDepot = 0;
  for (let i = 1; i < n; i++) meanDepot += dist[i]!;
  meanDepot /= n - 1;
  // Temperatures relative to the instance scale (the paper's 100 -> 1 on X coordinates).
  const t0 = 0.2 * meanDepot;
  const tf = 0.002 * meanDepot;

  const removed: number[] = [];
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  let iterations = 0;
  let now = performance.now();
  while (now < deadline && iterations < maxIterations) {
    // With an iteration budget the cooling follows iterations, so the run does not depend on
    // machine speed; otherwise it follows the clock.
    const progress = Number.isFinite(maxIterations)
      ? iterations / maxIterations
      : (now - started) / options.timeLimitMs;
    const temperature = t0 * (tf / t0) ** Math.min(1, progress);

    state.beginTransaction();
    removed.length = 0;
    ruin(state, rng, neighbours, removed);
    recreate(state, rng, neighbours, removed, demand, capacity);
    const candidate = state.cost();

    if (candidate < current - temperature * Math.log(rng.next())) {
      current = candidate;
      state.commit();
      if (current < best - 1e-9) {
        best = current;
        bestRoutes = state.snapshot();
        timeToBestMs = performance.now() - started;
        options.onImprovement?.(best, timeToBestMs);
      }
    } else {
      state.rollback();
    }

    iterations++;
    if ((iterations & 15) === 0) now = performance.now();
  }

  return {
    routes: bestRoutes,
    cost: best,
    feasible: true,
    iterations,
    elapsedMs: performance.now() - started,
    timeToBestMs,
  };
}

function singletons(n: number): number[][] {
  return Array.from({ length: n - 1 }, (_, i) => [i + 1]);
}

function nearestLists(instance: CvrpInstance, k: number): Int32Array[] {
  const { n, dist } = instance;
  const customers = customerIndexes(n);
  const lists: Int32Array[] = [new Int32Array(0)];
  for (let i = 1; i < n; i++)
    lists.push(nearestInRow(dist.subarray(i * n, (i + 1) * n), i, k, customers));

  return lists;
}

/** Routes with loads and costs, plus an undo log so rejected iterations cost little. */
class RouteState {
  routes: number[][];
  load: number[];
  routeCost: number[];
  readonly routeOf: Int32Array;
  private saved = new Map<number, { route: number[]; load: number; cost: number }>();
  private routesBefore = 0;

  constructor(
    readonly instance: CvrpInstance,
    initial: number[][],
  ) {
    this.routes = initial.filter((r) => r.length > 0).map((r) => r.slice());
    this.load = [];
    this.routeCost = [];
    this.routeOf = new Int32Array(instance.n).fill(-1);
    this.routes.forEach((route, r) => {
      this.load.push(route.reduce((s, c) => s + instance.demand[c]!, 0));
      this.routeCost.push(this.computeCost(route));
      for (const c of route) this.routeOf[c] = r;
    });
  }

  computeCost(route: readonly number[]): number {
    const { n, dist } = this.instance;
    let cost = 0;
    let prev = 0;
    for (const c of route) {
      cost += dist[prev * n + c]!;
      prev = c;
    }

    return route.length === 0 ? 0 : cost + dist[prev * n]!;
  }

  cost(): number {
    let total = 0;
    for (const c of this.routeCost) total += c;
    return total;
  }

  beginTransaction(): void {
    this.saved.clear();
    this.routesBefore = this.routes.length;
  }

  /** Call before changing route r in this iteration. */
  touch(r: number): void {
    if (r >= this.routesBefore || this.saved.has(r)) return;
    this.saved.set(r, {
      route: this.routes[r]!.slice(),
      load: this.load[r]!,
      cost: this.routeCost[r]!,
    });
  }

  /** Drops empty routes (renumbering) once an iteration is accepted. */
  commit(): void {
    let write = 0;
    for (let r = 0; r < this.routes.length; r++) {
      if (this.routes[r]!.length === 0) continue;
      if (write !== r) {
        this.routes[write] = this.routes[r]!;
        this.load[write] = this.load[r]!;
        this.routeCost[write] = this.routeCost[r]!;
        for (const c of this.routes[write]!) this.routeOf[c] = write;
      }
      write++;
    }
    this.routes.length = write;
    this.load.length = write;
    this.routeCost.length = write;
  }

  rollback(): void {
    for (let r = this.routesBefore; r < this.routes.length; r++) {
      for (const c of this.routes[r]!) this.routeOf[c] = -1;
    }
    this.routes.length = this.routesBefore;
    this.load.length = this.routesBefore;
    this.routeCost.length = this.routesBefore;
    for (const [r, saved] of this.saved) {
      this.routes[r] = saved.route;
      this.load[r] = saved.load;
      this.routeCost[r] = saved.cost;
      for (const c of saved.route) this.routeOf[c] = r;
    }
  }

  snapshot(): number[][] {
    return this.routes.filter((r) => r.length > 0).map((r) => r.slice());
  }

  removeAt(r: number, from: number, count: number, out: number[]): void {
    this.touch(r);
    const route = this.routes[r]!;
    const gone = route.splice(from, count);
    for (const c of gone) {
      this.routeOf[c] = -1;
      this.load[r] = this.load[r]! - this.instance.demand[c]!;
      out.push(c);
    }
    this.routeCost[r] = this.computeCost(route);
  }

  insert(r: number, pos: number, c: number, delta: number): void {
    if (r === this.routes.length) {
      this.routes.push([c]);
      this.load.push(this.instance.demand[c]!);
      this.routeCost.push(delta);
    } else {
      this.touch(r);
      this.routes[r]!.splice(pos, 0, c);
      this.load[r] = this.load[r]! + this.instance.demand[c]!;
      this.routeCost[r] = this.routeCost[r]! + delta;
    }
    this.routeOf[c] = r;
  }
}

function ruin(state: RouteState, rng: Rng, neighbours: Int32Array[], removed: number[]): void {
  const n = state.instance.n;
  let customers = 0;
  let nonEmpty = 0;
  for (const route of state.routes) {
    if (route.length === 0) continue;
    customers += route.length;
    nonEmpty++;
  }
  const avgCard = nonEmpty === 0 ? 1 : customers / nonEmpty;
  const maxString = Math.min(MAX_STRING, avgCard);
  const maxStrings = (4 * AVG_REMOVED) / (1 + maxString) - 1;
  const stringCount = Math.floor(rng.next() * maxStrings) + 1;

  const seed = 1 + rng.int(n - 1);
  const ruined = new Set<number>();
  const list = neighbours[seed]!;
  for (let k = -1; k < list.length && ruined.size < stringCount; k++) {
    const c = k < 0 ? seed : list[k]!;
    const r = state.routeOf[c]!;
    if (r < 0 || ruined.has(r)) continue;

    const route = state.routes[r]!;
    const maxLen = Math.min(route.length, maxString);
    const len = Math.floor(rng.next() * maxLen) + 1;
    const at = route.indexOf(c);
    if (len === route.length || rng.next() < SPLIT_RATE) {
      state.removeAt(r, stringStart(rng, at, len, route.length), len, removed);
    } else {
      // Split string: a string of len + keep customers around c, of which a block of `keep`
      // consecutive ones stays in the route.
      let keep = 1;
      while (keep < route.length - len && rng.next() > SPLIT_DEPTH) keep++;
      const start = stringStart(rng, at, len + keep, route.length);
      const keepOffset = rng.int(len + 1);
      state.removeAt(r, start + keepOffset + keep, len - keepOffset, removed);
      state.removeAt(r, start, keepOffset, removed);
    }
    ruined.add(r);
  }
}

/** Uniform start of a `len`-long window of a `routeLen` route that contains index `at`. */
function stringStart(rng: Rng, at: number, len: number, routeLen: number): number {
  const lo = Math.max(0, at - len + 1);
  const hi = Math.min(at, routeLen - len);

  return lo + rng.int(hi - lo + 1);
}

function recreate(
  state: RouteState,
  rng: Rng,
  neighbours: Int32Array[],
  removed: number[],
  demand: Float64Array,
  capacity: number,
): void {
  const { n, dist } = state.instance;
  sortForInsertion(removed, rng, demand, dist);

  const candidates: number[] = [];
  const logKeep = Math.log(1 - BLINK_RATE);
  // Blinks skip each position with probability BLINK_RATE; drawing the gap to the next blink
  // (geometric) costs one random number per ~100 positions instead of one per position.
  let untilBlink = Math.floor(Math.log(1 - rng.next()) / logKeep);
  for (const c of removed) {
    candidates.length = 0;
    for (const near of neighbours[c]!) {
      const r = state.routeOf[near]!;
      if (r >= 0 && !candidates.includes(r)) candidates.push(r);
      if (candidates.length >= CANDIDATE_ROUTES) break;
    }

    const row = c * n;
    let bestR = state.routes.length;
    let bestPos = 0;
    let bestDelta = 2 * dist[c]!;
    for (const r of candidates) {
      if (state.load[r]! + demand[c]! > capacity) continue;

      const route = state.routes[r]!;
      let prev = 0;
      for (let p = 0; p <= route.length; p++) {
        const next = p < route.length ? route[p]! : 0;
        if (untilBlink-- > 0) {
          const delta = dist[row + prev]! + dist[row + next]! - dist[prev * n + next]!;
          if (delta < bestDelta) {
            bestDelta = delta;
            bestR = r;
            bestPos = p;
          }
        } else {
          untilBlink = Math.floor(Math.log(1 - rng.next()) / logKeep);
        }
        prev = next;
      }
    }
    state.insert(bestR, bestPos, c, bestDelta);
  }
}

/** Random, largest demand, farthest or closest first, weighted 4:4:2:1 as in the paper. */
function sortForInsertion(removed: number[], rng: Rng, demand: Float64Array, dist: Float64Array) {
  const pick = rng.int(11);
  if (pick < 4) rng.shuffle(removed);
  else if (pick < 8) removed.sort((a, b) => demand[b]! - demand[a]!);
  else if (pick < 10) removed.sort((a, b) => dist[b]! - dist[a]!);
  else removed.sort((a, b) => dist[a]! - dist[b]!);
}
