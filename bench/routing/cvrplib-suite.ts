/**
 * Runs the engine on CVRPLIB instances with their set's conventions, checks every solution
 * with the independent checker, and measures a reference in the same run: Clarke-Wright
 * savings followed by one local search (what a simple solver would return).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { checkCvrpSolution } from '../../src/routing/check/cvrp-checker.js';
import { conventionFor, instanceFromVrp, setOf } from '../../src/routing/cvrplib/conventions.js';
import { parseVrp } from '../../src/routing/cvrplib/parse-vrp.js';
import { referenceSolution } from '../../src/routing/engine/reference.js';
import { solveCvrp } from '../../src/routing/engine/solve-cvrp.js';
import { benchDataPath } from './paths.js';

export interface InstanceResult {
  name: string;
  set: string;
  customers: number;
  bks: number;
  cost: number;
  gapPct: number;
  referenceCost: number;
  referenceGapPct: number;
  seconds: number;
  secondsToBest: number;
  timeLimitS: number;
  problems: string[];
  referenceProblems: string[];
}

interface BksEntry {
  bks: number;
}

/** Fleets are upper bounds here: P-n55-k8's best with at most 8 routes is 576 (README). */
const BKS_OVERRIDES: Record<string, number> = { 'P-n55-k8': 576 };

export function listInstances(set: string): string[] {
  return readdirSync(benchDataPath('cvrplib', set))
    .filter((f) => f.endsWith('.vrp'))
    .map((f) => f.slice(0, -4))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

export function loadBks(): Record<string, BksEntry> {
  return JSON.parse(readFileSync(benchDataPath('cvrplib', 'bks.json'), 'utf8')) as Record<
    string,
    BksEntry
  >;
}

export function runInstance(
  name: string,
  timeLimitS: number,
  seed: number,
  bks: Record<string, BksEntry>,
): InstanceResult {
  const set = setOf(name);
  const vrp = parseVrp(readFileSync(benchDataPath('cvrplib', set, `${name}.vrp`), 'utf8'));
  const convention = conventionFor(name);
  const instance = instanceFromVrp(vrp, convention);
  const best = BKS_OVERRIDES[name] ?? bks[name]?.bks;
  if (best === undefined) throw new Error(`no best-known solution for ${name} in bks.json`);

  const checkInput = {
    x: vrp.x,
    y: vrp.y,
    demand: vrp.demand,
    capacity: vrp.capacity,
    round: convention.round,
    maxRoutes: instance.maxRoutes,
    durationLimit: vrp.distanceLimit,
    serviceTime: vrp.serviceTime,
  };

  const reference = referenceSolution(instance, seed);
  const referenceCheck = checkCvrpSolution(checkInput, reference.routes, reference.cost);

  const started = performance.now();
  const solution = solveCvrp(instance, { timeLimitMs: timeLimitS * 1000, seed });
  const seconds = (performance.now() - started) / 1000;
  const check = checkCvrpSolution(checkInput, solution.routes, solution.cost);
  const problems = [...check.problems];
  if (!solution.feasible) problems.push('solver returned no feasible solution');

  return {
    name,
    set,
    customers: instance.n - 1,
    bks: best,
    cost: check.cost,
    gapPct: (100 * (check.cost - best)) / best,
    referenceCost: referenceCheck.cost,
    referenceGapPct: (100 * (referenceCheck.cost - best)) / best,
    seconds,
    secondsToBest: solution.timeToBestMs / 1000,
    timeLimitS,
    problems,
    referenceProblems: referenceCheck.problems,
  };
}
