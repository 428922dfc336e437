/**
 * SWAP* (Vidal 2022): exchange U of route A with V of route B, where each is reinserted at
 * its best place in the other route rather than in the other's old slot. The three cheapest
 * insertion places of every customer in every route are cached and only refreshed when the
 * route changed, which keeps the evaluation of all (U, V) pairs cheap. Plain relocations
 * between the two routes are tested on the way.
 */
import { EPSILON, type LocalSearch } from './local-search.js';
import type { LsNode, LsRoute } from './nodes.js';

interface Best {
  cost: number;
  u: LsNode | null;
  afterU: LsNode | null;
  v: LsNode | null;
  afterV: LsNode | null;
}

export function swapStar(ls: LocalSearch, routeU: LsRoute, routeV: LsRoute): boolean {
  preprocessInsertions(ls, routeU, routeV);
  preprocessInsertions(ls, routeV, routeU);

  const best: Best = { cost: 0, u: null, afterU: null, v: null, afterV: null };
  for (let nu = routeU.depot.next; !nu.isDepot; nu = nu.next) {
    const loadU = ls.demand[nu.cour]!;
    const serviceU = ls.service[nu.cour]!;
    for (let nv = routeV.depot.next; !nv.isDepot; nv = nv.next) {
      const loadV = ls.demand[nv.cour]!;
      const penU = ls.penaltyExcessLoad(routeU.load + loadV - loadU) - routeU.penalty;
      const penV = ls.penaltyExcessLoad(routeV.load + loadU - loadV) - routeV.penalty;
      // Reinsertion costs are >= 0 with the triangle inequality: skip hopeless pairs early.
      if (penU + nu.deltaRemoval + penV + nv.deltaRemoval > 0) continue;

      const serviceV = ls.service[nv.cour]!;
      const extraV = cheapestInsertWithRemoval(ls, nv, routeU, nu);
      const afterV = found.after!;
      const extraU = cheapestInsertWithRemoval(ls, nu, routeV, nv);
      const afterU = found.after!;
      const cost =
        penU +
        nu.deltaRemoval +
        extraU +
        penV +
        nv.deltaRemoval +
        extraV +
        ls.penaltyExcessDuration(routeU.duration + nu.deltaRemoval + extraV + serviceV - serviceU) +
        ls.penaltyExcessDuration(routeV.duration + nv.deltaRemoval + extraU - serviceV + serviceU);
      if (cost < best.cost) {
        best.cost = cost;
        best.u = nu;
        best.afterU = afterU;
        best.v = nv;
        best.afterV = afterV;
      }
    }
  }

  relocations(ls, routeU, routeV, best, false);
  relocations(ls, routeV, routeU, best, true);
  if (best.cost > -EPSILON) return false;

  if (best.u !== null && best.afterU !== null) ls.insertNode(best.u, best.afterU);
  if (best.v !== null && best.afterV !== null) ls.insertNode(best.v, best.afterV);
  ls.moveApplied(routeU, routeV);

  return true;
}

/** Relocating a single customer of `from` to its best place in `to`. */
function relocations(ls: LocalSearch, from: LsRoute, to: LsRoute, best: Best, reversed: boolean) {
  const base = to.cour * ls.n * 3;
  for (let nu = from.depot.next; !nu.isDepot; nu = nu.next) {
    const at = base + nu.cour * 3;
    const insertCost = ls.insCost[at]!;
    const load = ls.demand[nu.cour]!;
    const service = ls.service[nu.cour]!;
    const cost =
      nu.deltaRemoval +
      insertCost +
      ls.penaltyExcessLoad(from.load - load) +
      ls.penaltyExcessLoad(to.load + load) +
      ls.penaltyExcessDuration(from.duration + nu.deltaRemoval - service) +
      ls.penaltyExcessDuration(to.duration + insertCost + service) -
      from.penalty -
      to.penalty;
    if (cost < best.cost) {
      const after = decodeAfter(ls, to, ls.insAfter[at]!);
      best.cost = cost;
      if (reversed) {
        best.u = null;
        best.afterU = null;
        best.v = nu;
        best.afterV = after;
      } else {
        best.u = nu;
        best.afterU = after;
        best.v = null;
        best.afterV = null;
      }
    }
  }
}

/** Second result of cheapestInsertWithRemoval, kept outside to avoid allocating per pair. */
const found: { after: LsNode | null } = { after: null };

const decodeAfter = (ls: LocalSearch, route: LsRoute, cour: number): LsNode =>
  cour === 0 ? route.depot : ls.clients[cour]!;

/**
 * Cost of the cheapest place for `node` in `route` once `removed` has left it: a cached place
 * not next to `removed`, or the slot `removed` frees. The place goes to `found.after`.
 */
function cheapestInsertWithRemoval(
  ls: LocalSearch,
  node: LsNode,
  route: LsRoute,
  removed: LsNode,
): number {
  const c = node.cour;
  const prev = removed.prev;
  let bestCost =
    ls.d(prev.cour, c) + ls.d(c, removed.next.cour) - ls.d(prev.cour, removed.next.cour);
  let bestAfter = prev;
  const at = (route.cour * ls.n + c) * 3;
  for (let k = 0; k < 3; k++) {
    const cost = ls.insCost[at + k]!;
    if (cost >= bestCost) break;

    const after = ls.insAfter[at + k]!;
    if (after === -1) break;
    const afterNode = decodeAfter(ls, route, after);
    if (afterNode === removed || afterNode.next === removed) continue;

    bestCost = cost;
    bestAfter = afterNode;
    break;
  }

  found.after = bestAfter;

  return bestCost;
}

/** Refreshes removal gains of `r1`'s customers and their three best places in `r2`. */
function preprocessInsertions(ls: LocalSearch, r1: LsRoute, r2: LsRoute): void {
  for (let nu = r1.depot.next; !nu.isDepot; nu = nu.next) {
    const u = nu.cour;
    nu.deltaRemoval =
      ls.d(nu.prev.cour, nu.next.cour) - ls.d(nu.prev.cour, u) - ls.d(u, nu.next.cour);

    const slot = r2.cour * ls.n + u;
    if (ls.insComputedAt[slot]! >= r2.whenLastModified) continue;

    ls.insComputedAt[slot] = ls.nbMoves;
    const at = slot * 3;
    for (let k = 0; k < 3; k++) {
      ls.insCost[at + k] = Number.POSITIVE_INFINITY;
      ls.insAfter[at + k] = -1;
    }
    for (let nv = r2.depot; ; nv = nv.next) {
      const next = nv.next;
      const cost = ls.d(nv.cour, u) + ls.d(u, next.cour) - ls.d(nv.cour, next.cour);
      addPlace(ls, at, cost, nv.isDepot ? 0 : nv.cour);
      if (next.isDepot) break;
    }
  }
}

function addPlace(ls: LocalSearch, at: number, cost: number, after: number): void {
  const costs = ls.insCost;
  const afters = ls.insAfter;
  if (cost >= costs[at + 2]!) return;

  let k = 2;
  while (k > 0 && cost < costs[at + k - 1]!) {
    costs[at + k] = costs[at + k - 1]!;
    afters[at + k] = afters[at + k - 1]!;
    k--;
  }
  costs[at + k] = cost;
  afters[at + k] = after;
}
