import { Individual } from './individual.js';
import type { CvrpInstance } from './instance.js';
import type { SearchParams } from './params.js';
import type { Penalties } from './penalties.js';
import type { Rng } from './rng.js';

const EPS = 1e-6;

/**
 * Two subpopulations (feasible, infeasible) kept sorted by penalised cost. Survivors and
 * parents are chosen by a biased fitness mixing cost rank and contribution to diversity
 * (broken-pairs distance), so the search keeps exploring different route structures.
 */
export class Population {
  readonly feasible: Individual[] = [];
  readonly infeasible: Individual[] = [];
  best: Individual | null = null;
  private readonly loadFeasibility: boolean[] = [];
  private readonly durationFeasibility: boolean[] = [];

  constructor(
    private readonly instance: CvrpInstance,
    private readonly slots: number,
    private readonly params: SearchParams,
    private readonly rng: Rng,
  ) {}

  /** Adds a copy of `ind`; returns true if it is a new best feasible solution. */
  add(ind: Individual, recordFeasibility: boolean): boolean {
    if (recordFeasibility) {
      pushBounded(this.loadFeasibility, ind.capacityExcess < EPS);
      pushBounded(this.durationFeasibility, ind.durationExcess < EPS);
    }

    const sub = ind.feasible ? this.feasible : this.infeasible;
    const copy = new Individual(this.instance, this.slots);
    copy.copyFrom(ind);
    for (const other of sub) {
      const dist = copy.brokenPairsDistance(other);
      insertSorted(other.proximity, { dist, other: copy });
      insertSorted(copy.proximity, { dist, other });
    }

    let place = sub.length;
    while (place > 0 && sub[place - 1]!.penalizedCost > copy.penalizedCost - EPS) place--;
    sub.splice(place, 0, copy);

    if (sub.length > this.params.mu + this.params.lambda) {
      while (sub.length > this.params.mu) this.removeWorst(sub);
    }

    if (ind.feasible && (this.best === null || ind.distance < this.best.distance - EPS)) {
      this.best = new Individual(this.instance, this.slots);
      this.best.copyFrom(ind);
      return true;
    }

    return false;
  }

  /** Binary tournament on biased fitness over both subpopulations. */
  tournament(): Individual {
    this.updateBiasedFitness(this.feasible);
    this.updateBiasedFitness(this.infeasible);
    const total = this.feasible.length + this.infeasible.length;
    const pick = (): Individual => {
      const i = this.rng.int(total);
      return i < this.feasible.length
        ? this.feasible[i]!
        : this.infeasible[i - this.feasible.length]!;
    };
    const a = pick();
    const b = pick();

    return a.biasedFitness < b.biasedFitness ? a : b;
  }

  /** Moves penalty weights towards the target share of feasible local-search outputs. */
  managePenalties(penalties: Penalties): void {
    const target = this.params.targetFeasible;
    const adapt = (list: boolean[], weight: number): number => {
      if (list.length === 0) return weight;
      const share = list.filter(Boolean).length / list.length;
      if (share < target - 0.05) return Math.min(weight * 1.2, 100_000);
      if (share > target + 0.05) return Math.max(weight * 0.85, 0.1);
      return weight;
    };
    penalties.capacity = adapt(this.loadFeasibility, penalties.capacity);
    penalties.duration = adapt(this.durationFeasibility, penalties.duration);

    for (const ind of this.infeasible) {
      ind.penalizedCost =
        ind.distance +
        penalties.capacity * ind.capacityExcess +
        penalties.duration * ind.durationExcess;
    }
    this.infeasible.sort((a, b) => a.penalizedCost - b.penalizedCost);
  }

  /** Empties both subpopulations (the best solution is kept). */
  clear(): void {
    this.feasible.length = 0;
    this.infeasible.length = 0;
  }

  get size(): number {
    return this.feasible.length + this.infeasible.length;
  }

  private updateBiasedFitness(sub: Individual[]): void {
    const size = sub.length;
    if (size === 1) {
      sub[0]!.biasedFitness = 0;
      return;
    }

    const nbClose = this.params.nbClose;
    const byDiversity = sub
      .map((ind, i) => ({ i, div: -ind.averageBrokenPairsDistanceClosest(nbClose) }))
      .sort((a, b) => a.div - b.div || a.i - b.i);
    const eliteWeight = 1 - this.params.nbElite / size;
    byDiversity.forEach(({ i }, rank) => {
      const divRank = rank / (size - 1);
      const fitRank = i / (size - 1);
      sub[i]!.biasedFitness =
        size <= this.params.nbElite ? fitRank : fitRank + eliteWeight * divRank;
    });
  }

  /** Removes the worst biased fitness, clones first; the cheapest individual always stays. */
  private removeWorst(sub: Individual[]): void {
    this.updateBiasedFitness(sub);
    let worst = 1;
    let worstIsClone = false;
    let worstFitness = Number.NEGATIVE_INFINITY;
    for (let i = 1; i < sub.length; i++) {
      const ind = sub[i]!;
      const isClone = ind.averageBrokenPairsDistanceClosest(1) < EPS;
      if (
        (isClone && !worstIsClone) ||
        (isClone === worstIsClone && ind.biasedFitness > worstFitness)
      ) {
        worst = i;
        worstIsClone = isClone;
        worstFitness = ind.biasedFitness;
      }
    }

    const [removed] = sub.splice(worst, 1);
    for (const other of sub) {
      const k = other.proximity.findIndex((p) => p.other === removed);
      if (k >= 0) other.proximity.splice(k, 1);
    }
  }
}

function pushBounded(list: boolean[], value: boolean): void {
  list.push(value);
  if (list.length > 100) list.shift();
}

function insertSorted(
  list: { dist: number; other: Individual }[],
  item: { dist: number; other: Individual },
) {
  let k = list.length;
  while (k > 0 && list[k - 1]!.dist > item.dist) k--;
  list.splice(k, 0, item);
}
