import { CircleSector, polarAngle } from '../circle-sector.js';
import type { Individual } from '../individual.js';
import type { CvrpInstance } from '../instance.js';
import { customerIndexes, nearestInRow } from '../nearest.js';
import type { Rng } from '../rng.js';
import { relocatePair, relocatePairReversed, relocateSingle } from './moves-relocate.js';
import { swapPairPair, swapPairSingle, swapSingle } from './moves-swap.js';
import { swapStar } from './moves-swap-star.js';
import { twoOptIntra } from './moves-two-opt.js';
import { twoOptStarCross, twoOptStarTails } from './moves-two-opt-star.js';
import { LsNode, LsRoute } from './nodes.js';

/** Changes smaller than this are noise from floating-point sums, not improvements. */
export const EPSILON = 1e-5;

/**
 * Granular local search on penalised costs (capacity and duration excess are allowed at a
 * price). Moves are tried between each customer U and its nearest neighbours V, and only
 * where a route changed since U was last examined, until no move improves; then SWAP*
 * between routes whose angular sectors overlap.
 */
export class LocalSearch {
  readonly n: number;
  readonly dist: Float64Array;
  readonly demand: Float64Array;
  readonly service: Float64Array;
  readonly capacity: number;
  readonly durationLimit: number;
  readonly clients: LsNode[];
  readonly routes: LsRoute[];
  readonly polar: Int32Array;
  readonly hasCoords: boolean;
  /** Granular neighbours of each customer (customers only). */
  readonly correlated: Int32Array[];
  /** SWAP* cache: three cheapest places of customer c in route r. */
  readonly insCost: Float64Array;
  readonly insAfter: Int32Array;
  readonly insComputedAt: Int32Array;

  penaltyCapacity = 1;
  penaltyDuration = 1;
  nbMoves = 0;
  loopId = 0;
  useSwapStar = true;
  private searchCompleted = false;
  private readonly orderNodes: number[];
  private readonly orderRoutes: number[];
  readonly emptyRoutes = new Set<number>();

  // The pair under examination and their surroundings (set by setU / setV).
  nodeU!: LsNode;
  nodeX!: LsNode;
  nodeV!: LsNode;
  nodeY!: LsNode;
  routeU!: LsRoute;
  routeV!: LsRoute;
  u = 0;
  uPrev = 0;
  x = 0;
  xNext = 0;
  v = 0;
  vPrev = 0;
  y = 0;
  yNext = 0;
  loadU = 0;
  loadX = 0;
  loadV = 0;
  loadY = 0;
  serviceU = 0;
  serviceX = 0;
  serviceV = 0;
  serviceY = 0;

  constructor(
    readonly instance: CvrpInstance,
    slots: number,
    private readonly granularity: number,
    private readonly rng: Rng,
  ) {
    const n = instance.n;
    this.n = n;
    this.dist = instance.dist;
    this.demand = instance.demand;
    this.service = instance.serviceTime;
    this.capacity = instance.capacity;
    this.durationLimit = instance.durationLimit;
    this.clients = Array.from({ length: n }, (_, i) => new LsNode(i, false));
    this.routes = Array.from({ length: slots }, (_, r) => new LsRoute(r));
    this.orderNodes = Array.from({ length: n - 1 }, (_, i) => i + 1);
    this.orderRoutes = Array.from({ length: slots }, (_, r) => r);
    this.correlated = granularNeighbours(instance, granularity);

    this.hasCoords = instance.x !== null && instance.y !== null;
    this.polar = new Int32Array(n);
    if (instance.x && instance.y) {
      for (let i = 1; i < n; i++) {
        this.polar[i] = polarAngle(instance.x[i]!, instance.y[i]!, instance.x[0]!, instance.y[0]!);
      }
    }
    this.insCost = new Float64Array(slots * n * 3);
    this.insAfter = new Int32Array(slots * n * 3);
    this.insComputedAt = new Int32Array(slots * n).fill(-1);
  }

  d(a: number, b: number): number {
    return this.dist[a * this.n + b]!;
  }

  penaltyExcessLoad(load: number): number {
    return Math.max(0, load - this.capacity) * this.penaltyCapacity;
  }

  penaltyExcessDuration(duration: number): number {
    return Math.max(0, duration - this.durationLimit) * this.penaltyDuration;
  }

  /** Improves `ind` in place with the given penalty weights. */
  run(ind: Individual, penaltyCapacity: number, penaltyDuration: number): void {
    this.penaltyCapacity = penaltyCapacity;
    this.penaltyDuration = penaltyDuration;
    this.loadIndividual(ind);
    this.rng.shuffle(this.orderNodes);
    this.rng.shuffle(this.orderRoutes);
    // Reshuffle a few neighbour lists per run so the move order varies between runs.
    for (let i = 1; i < this.n; i++) {
      if (this.rng.int(this.granularity) === 0) this.rng.shuffle(this.correlated[i]!);
    }

    this.searchCompleted = false;
    for (this.loopId = 0; !this.searchCompleted; this.loopId++) {
      if (this.loopId > 1) this.searchCompleted = true;
      this.granularPass();
      if (this.useSwapStar && this.hasCoords) this.swapStarPass();
    }

    this.exportIndividual(ind);
  }

  private granularPass(): void {
    for (const uIndex of this.orderNodes) {
      const nodeU = this.clients[uIndex]!;
      const lastTested = nodeU.whenLastTestedRI;
      nodeU.whenLastTestedRI = this.nbMoves;
      for (const vIndex of this.correlated[uIndex]!) {
        const nodeV = this.clients[vIndex]!;
        const changed =
          Math.max(nodeU.route.whenLastModified, nodeV.route.whenLastModified) > lastTested;
        if (this.loopId > 0 && !changed) continue;

        this.setU(nodeU);
        this.setV(nodeV);
        if (this.tryPairMoves()) continue;

        // Also try to place U right after V's depot, i.e. in front of V.
        if (nodeV.prev.isDepot) {
          this.setV(nodeV.prev);
          if (relocateSingle(this) || relocatePair(this) || relocatePairReversed(this)) continue;
          if (this.routeU !== this.routeV && (twoOptStarCross(this) || twoOptStarTails(this))) {
          }
        }
      }

      // Opening a new route is only tried after the first loop, to keep the fleet small.
      if (this.loopId > 0 && this.emptyRoutes.size > 0) {
        const empty = this.routes[this.emptyRoutes.values().next().value!]!;
        this.setU(nodeU);
        this.setV(empty.depot);
        if (relocateSingle(this) || relocatePair(this) || relocatePairReversed(this)) continue;
        twoOptStarTails(this);
      }
    }
  }

  private tryPairMoves(): boolean {
    if (relocateSingle(this) || relocatePair(this) || relocatePairReversed(this)) return true;
    if (swapSingle(this) || swapPairSingle(this) || swapPairPair(this)) return true;
    if (this.routeU === this.routeV) return twoOptIntra(this);

    return twoOptStarCross(this) || twoOptStarTails(this);
  }

  private swapStarPass(): void {
    for (const ru of this.orderRoutes) {
      const routeU = this.routes[ru]!;
      const lastTested = routeU.whenLastTestedSwapStar;
      routeU.whenLastTestedSwapStar = this.nbMoves;
      for (const rv of this.orderRoutes) {
        const routeV = this.routes[rv]!;
        if (routeU.nbCustomers === 0 || routeV.nbCustomers === 0 || routeU.cour >= routeV.cour) {
          continue;
        }
        const changed = Math.max(routeU.whenLastModified, routeV.whenLastModified) > lastTested;
        if (this.loopId > 0 && !changed) continue;
        if (!CircleSector.overlap(routeU.sector, routeV.sector)) continue;

        swapStar(this, routeU, routeV);
      }
    }
  }

  setU(node: LsNode): void {
    this.nodeU = node;
    this.nodeX = node.next;
    this.routeU = node.route;
    this.u = node.cour;
    this.uPrev = node.prev.cour;
    this.x = this.nodeX.cour;
    this.xNext = this.nodeX.next.cour;
    this.loadU = this.demand[this.u]!;
    this.loadX = this.demand[this.x]!;
    this.serviceU = this.service[this.u]!;
    this.serviceX = this.service[this.x]!;
  }

  setV(node: LsNode): void {
    this.nodeV = node;
    this.nodeY = node.next;
    this.routeV = node.route;
    this.v = node.cour;
    this.vPrev = node.prev.cour;
    this.y = this.nodeY.cour;
    this.yNext = this.nodeY.next.cour;
    this.loadV = this.demand[this.v]!;
    this.loadY = this.demand[this.y]!;
    this.serviceV = this.service[this.v]!;
    this.serviceY = this.service[this.y]!;
  }

  /** Records an applied move: re-derives the data of the touched routes. */
  moveApplied(routeA: LsRoute, routeB: LsRoute): void {
    this.nbMoves++;
    this.searchCompleted = false;
    this.updateRouteData(routeA);
    if (routeB !== routeA) this.updateRouteData(routeB);
  }

  /** Moves node U to just after node V. */
  insertNode(u: LsNode, after: LsNode): void {
    u.prev.next = u.next;
    u.next.prev = u.prev;
    after.next.prev = u;
    u.prev = after;
    u.next = after.next;
    after.next = u;
    u.route = after.route;
  }

  /** Makes `nodes` the whole content of `route`, in order. */
  relinkRoute(route: LsRoute, nodes: readonly LsNode[]): void {
    let prev = route.depot;
    for (const node of nodes) {
      prev.next = node;
      node.prev = prev;
      node.route = route;
      prev = node;
    }
    prev.next = route.depotEnd;
    route.depotEnd.prev = prev;
  }

  /** Customer nodes of `route` from its start up to and including `last` (none for depot). */
  headUpTo(last: LsNode): LsNode[] {
    const nodes: LsNode[] = [];
    if (last.isDepot) return nodes;
    for (let node = last.route.depot.next; ; node = node.next) {
      nodes.push(node);
      if (node === last) return nodes;
    }
  }

  /** Customer nodes after `node` to the end of its route. */
  tailAfter(node: LsNode): LsNode[] {
    const nodes: LsNode[] = [];
    for (let cur = node.next; !cur.isDepot; cur = cur.next) nodes.push(cur);
    return nodes;
  }

  /** Exchanges the positions of two nodes. */
  swapNode(a: LsNode, b: LsNode): void {
    const aPrev = a.prev;
    const aNext = a.next;
    const bPrev = b.prev;
    const bNext = b.next;
    const aRoute = a.route;
    const bRoute = b.route;
    aPrev.next = b;
    aNext.prev = b;
    bPrev.next = a;
    bNext.prev = a;
    a.prev = bPrev;
    a.next = bNext;
    b.prev = aPrev;
    b.next = aNext;
    a.route = bRoute;
    b.route = aRoute;
  }

  updateRouteData(route: LsRoute): void {
    let place = 0;
    let load = 0;
    let time = 0;
    let sumX = 0;
    let sumY = 0;
    let node = route.depot;
    node.position = 0;
    node.cumulatedLoad = 0;
    node.cumulatedTime = 0;
    let first = true;
    while (!(node.isDepot && place > 0)) {
      const prev = node;
      node = node.next;
      place++;
      node.position = place;
      load += this.demand[node.cour]!;
      time += this.d(prev.cour, node.cour) + this.service[node.cour]!;
      node.cumulatedLoad = load;
      node.cumulatedTime = time;
      if (!node.isDepot && this.hasCoords) {
        sumX += this.instance.x![node.cour]!;
        sumY += this.instance.y![node.cour]!;
        if (first) route.sector.reset(this.polar[node.cour]!);
        else route.sector.extend(this.polar[node.cour]!);
        first = false;
      }
    }

    route.duration = time;
    route.load = load;
    route.penalty = this.penaltyExcessDuration(time) + this.penaltyExcessLoad(load);
    route.nbCustomers = place - 1;
    route.whenLastModified = this.nbMoves;
    if (route.nbCustomers === 0) {
      this.emptyRoutes.add(route.cour);
    } else {
      this.emptyRoutes.delete(route.cour);
      if (this.hasCoords) {
        const inst = this.instance;
        const cx = sumX / route.nbCustomers;
        const cy = sumY / route.nbCustomers;
        route.polarAngleBarycenter = Math.atan2(cy - inst.y![0]!, cx - inst.x![0]!);
      }
    }
  }

  loadIndividual(ind: Individual): void {
    this.emptyRoutes.clear();
    this.nbMoves = 0;
    for (let r = 0; r < this.routes.length; r++) {
      const route = this.routes[r]!;
      const customers = ind.routes[r] ?? [];
      let prev = route.depot;
      for (const c of customers) {
        const node = this.clients[c]!;
        node.prev = prev;
        node.route = route;
        prev.next = node;
        prev = node;
      }
      prev.next = route.depotEnd;
      route.depotEnd.prev = prev;
      route.depot.prev = route.depotEnd;
      route.depotEnd.next = route.depot;
      route.whenLastTestedSwapStar = -1;
      this.updateRouteData(route);
    }
    for (let i = 1; i < this.n; i++) this.clients[i]!.whenLastTestedRI = -1;
    this.insComputedAt.fill(-1);
  }

  /** Writes routes back, sorted by polar angle so that similar solutions look alike. */
  exportIndividual(ind: Individual): void {
    const order = this.routes.map((r) => r.cour);
    if (this.hasCoords) {
      order.sort(
        (a, b) => this.routes[a]!.polarAngleBarycenter - this.routes[b]!.polarAngleBarycenter,
      );
    }
    const routes: number[][] = [];
    for (const r of order) {
      const route = this.routes[r]!;
      const customers: number[] = [];
      for (let node = route.depot.next; !node.isDepot; node = node.next) customers.push(node.cour);
      if (customers.length > 0) routes.push(customers);
    }
    for (let r = 0; r < ind.routes.length; r++) ind.routes[r] = routes[r] ?? [];
    ind.syncGiantTour();
    ind.evaluate({ capacity: this.penaltyCapacity, duration: this.penaltyDuration });
  }
}

/**
 * Each customer's `granularity` nearest customers, made symmetric (if j is near i, i is
 * also tried from j), as in granular tabu search (Toth and Vigo 2003).
 */
export function granularNeighbours(instance: CvrpInstance, granularity: number): Int32Array[] {
  const { n, dist } = instance;
  const sets: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const customers = customerIndexes(n);
  for (let i = 1; i < n; i++) {
    for (const j of nearestInRow(dist.subarray(i * n, (i + 1) * n), i, granularity, customers)) {
      sets[i]!.add(j);
      sets[j]!.add(i);
    }
  }

  return sets.map((s) => Int32Array.from([...s].sort((a, b) => a - b)));
}
