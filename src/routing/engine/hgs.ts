import { orderedCrossover } from './crossover.js';
import { Individual } from './individual.js';
import type { CvrpInstance } from './instance.js';
import { LocalSearch } from './ls/local-search.js';
import { DEFAULT_PARAMS, routeSlots, type SearchParams } from './params.js';
import type { Penalties } from './penalties.js';
import { Population } from './population.js';
import { Rng } from './rng.js';
import { savingsRoutes } from './savings.js';
import { Splitter } from './split.js';

/** Share of the time limit the initial random population may use. */
const INIT_SHARE = 0.2;

export interface SolveOptions {
  /** Wall-clock budget; the best solution so far is returned when it runs out. */
  timeLimitMs: number;
  seed?: number;
  /**
   * Stop after this many iterations even if time is left. With it (and a time limit that is
   * not reached) the result is a pure function of (instance, seed); with time alone it also
   * depends on machine speed.
   */
  maxIterations?: number;
  params?: Partial<SearchParams>;
  /** Called with each new best feasible cost. */
  onImprovement?: (cost: number, elapsedMs: number) => void;
}

export interface CvrpSolution {
  /** Customer lists (depot implicit at both ends), empty routes removed. */
  routes: number[][];
  cost: number;
  feasible: boolean;
  iterations: number;
  elapsedMs: number;
  timeToBestMs: number;
}

/**
 * Hybrid genetic search with adaptive diversity control (Vidal et al. 2012; Vidal 2022)
 * for the CVRP: giant-tour crossover, optimal split, granular local search with SWAP*,
 * penalised infeasibility. The first individual comes from Clarke-Wright savings so that a
 * good solution exists from the first milliseconds.
 */
export function solveHgs(instance: CvrpInstance, options: SolveOptions): CvrpSolution {
  const started = performance.now();
  const deadline = started + options.timeLimitMs;
  const params: SearchParams = { ...DEFAULT_PARAMS, ...options.params };
  const rng = new Rng(options.seed ?? 1);
  const slots = routeSlots(instance);
  const penalties = initialPenalties(instance);
  const split = new Splitter(instance, slots);
  const ls = new LocalSearch(instance, slots, params.granularity, rng);
  ls.useSwapStar = params.useSwapStar;
  const population = new Population(instance, slots, params, rng);
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  let timeToBestMs = 0;
  let bestCost = Number.POSITIVE_INFINITY;
  const outOfTime = (): boolean => performance.now() > deadline;

  const offer = (ind: Individual, recordFeasibility: boolean): boolean => {
    const improved = population.add(ind, recordFeasibility);
    if (improved && population.best!.distance < bestCost) {
      bestCost = population.best!.distance;
      timeToBestMs = performance.now() - started;
      options.onImprovement?.(bestCost, timeToBestMs);
    }

    return improved;
  };

  /** Local search, then a repair attempt with heavier penalties half the time. */
  const educate = (ind: Individual): boolean => {
    ls.run(ind, penalties.capacity, penalties.duration);
    let improved = offer(ind, true);
    if (!ind.feasible && rng.int(2) === 0) {
      ls.run(ind, penalties.capacity * 10, penalties.duration * 10);
      if (ind.feasible) improved = offer(ind, false) || improved;
    }

    return improved;
  };

  const seedFromSavings = (): void => {
    const ind = new Individual(instance, slots);
    let k = 0;
    for (const route of savingsRoutes(instance)) for (const c of route) ind.giantTour[k++] = c;
    split.split(ind, penalties);
    educate(ind);
  };

  /** Random giant tours, educated; stops early once `budgetMs` of the run has passed. */
  const randomIndividuals = (count: number, budgetMs: number): void => {
    const until = Math.min(deadline, performance.now() + budgetMs);
    const ind = new Individual(instance, slots);
    for (let i = 0; i < count && performance.now() < until; i++) {
      for (let c = 1; c < instance.n; c++) ind.giantTour[c - 1] = c;
      rng.shuffle(ind.giantTour);
      split.split(ind, penalties);
      educate(ind);
    }
  };

  // Short budgets cannot afford a full random population on large instances: the genetic
  // phase works with fewer, and the savings individual keeps the start strong.
  // An iteration budget asks for reproducible runs: then only the deadline cuts the start.
  const initBudgetMs =
    options.maxIterations === undefined ? options.timeLimitMs * INIT_SHARE : options.timeLimitMs;
  seedFromSavings();
  randomIndividuals(4 * params.mu, initBudgetMs);

  const child = new Individual(instance, slots);
  const seen = new Uint8Array(instance.n);
  let iterations = 0;
  let sinceImprovement = 0;
  while (!outOfTime() && iterations < maxIterations) {
    const a = population.tournament();
    const b = population.tournament();
    orderedCrossover(a.giantTour, b.giantTour, child.giantTour, seen, rng);
    split.split(child, penalties);
    sinceImprovement = educate(child) ? 0 : sinceImprovement + 1;

    iterations++;
    if (iterations % 100 === 0) population.managePenalties(penalties);
    if (sinceImprovement >= params.nbIterNoImprovement) {
      population.clear();
      randomIndividuals(4 * params.mu, initBudgetMs);
      sinceImprovement = 0;
    }
  }

  const best = population.best ?? population.infeasible[0] ?? population.feasible[0]!;

  return {
    routes: best.routes.filter((r) => r.length > 0).map((r) => r.slice()),
    cost: best.distance,
    feasible: best.feasible,
    iterations,
    elapsedMs: performance.now() - started,
    timeToBestMs,
  };
}

/** Capacity penalty starts at the price of a typical arc per unit of demand. */
function initialPenalties(instance: CvrpInstance): Penalties {
  let maxDist = 0;
  for (const d of instance.dist) maxDist = Math.max(maxDist, d);
  let maxDemand = 0;
  for (const q of instance.demand) maxDemand = Math.max(maxDemand, q);

  return {
    capacity: Math.max(0.1, Math.min(1000, maxDist / Math.max(maxDemand, 1e-9))),
    duration: 1,
  };
}
