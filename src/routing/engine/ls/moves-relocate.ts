/**
 * Relocate moves of the granular search: U (relocate), U-X (or-opt of two customers) and
 * X-U (or-opt reversed) moved to just after V. `ls.setU` / `ls.setV` must have been called.
 * Each returns true if it found an improving move and applied it.
 */
import { EPSILON, type LocalSearch } from './local-search.js';

export function relocateSingle(ls: LocalSearch): boolean {
  if (ls.u === ls.y) return false;

  let costU = ls.d(ls.uPrev, ls.x) - ls.d(ls.uPrev, ls.u) - ls.d(ls.u, ls.x);
  let costV = ls.d(ls.v, ls.u) + ls.d(ls.u, ls.y) - ls.d(ls.v, ls.y);
  const { routeU, routeV } = ls;
  if (routeU !== routeV) {
    if (costU + costV >= routeU.penalty + routeV.penalty) return false;

    costU +=
      ls.penaltyExcessDuration(routeU.duration + costU - ls.serviceU) +
      ls.penaltyExcessLoad(routeU.load - ls.loadU) -
      routeU.penalty;
    costV +=
      ls.penaltyExcessDuration(routeV.duration + costV + ls.serviceU) +
      ls.penaltyExcessLoad(routeV.load + ls.loadU) -
      routeV.penalty;
  }
  if (costU + costV > -EPSILON) return false;

  ls.insertNode(ls.nodeU, ls.nodeV);
  ls.moveApplied(routeU, routeV);

  return true;
}

export function relocatePair(ls: LocalSearch): boolean {
  if (ls.u === ls.y || ls.v === ls.x || ls.nodeX.isDepot) return false;

  const ux = ls.d(ls.u, ls.x);
  let costU = ls.d(ls.uPrev, ls.xNext) - ls.d(ls.uPrev, ls.u) - ls.d(ls.x, ls.xNext);
  let costV = ls.d(ls.v, ls.u) + ls.d(ls.x, ls.y) - ls.d(ls.v, ls.y);
  const { routeU, routeV } = ls;
  if (routeU !== routeV) {
    if (costU + costV >= routeU.penalty + routeV.penalty) return false;

    const service = ls.serviceU + ls.serviceX;
    const load = ls.loadU + ls.loadX;
    costU +=
      ls.penaltyExcessDuration(routeU.duration + costU - ux - service) +
      ls.penaltyExcessLoad(routeU.load - load) -
      routeU.penalty;
    costV +=
      ls.penaltyExcessDuration(routeV.duration + costV + ux + service) +
      ls.penaltyExcessLoad(routeV.load + load) -
      routeV.penalty;
  }
  if (costU + costV > -EPSILON) return false;

  const nodeX = ls.nodeX;
  ls.insertNode(ls.nodeU, ls.nodeV);
  ls.insertNode(nodeX, ls.nodeU);
  ls.moveApplied(routeU, routeV);

  return true;
}

export function relocatePairReversed(ls: LocalSearch): boolean {
  if (ls.u === ls.y || ls.x === ls.v || ls.nodeX.isDepot) return false;

  let costU =
    ls.d(ls.uPrev, ls.xNext) - ls.d(ls.uPrev, ls.u) - ls.d(ls.u, ls.x) - ls.d(ls.x, ls.xNext);
  let costV = ls.d(ls.v, ls.x) + ls.d(ls.x, ls.u) + ls.d(ls.u, ls.y) - ls.d(ls.v, ls.y);
  const { routeU, routeV } = ls;
  if (routeU !== routeV) {
    if (costU + costV >= routeU.penalty + routeV.penalty) return false;

    const service = ls.serviceU + ls.serviceX;
    const load = ls.loadU + ls.loadX;
    costU +=
      ls.penaltyExcessDuration(routeU.duration + costU - service) +
      ls.penaltyExcessLoad(routeU.load - load) -
      routeU.penalty;
    costV +=
      ls.penaltyExcessDuration(routeV.duration + costV + service) +
      ls.penaltyExcessLoad(routeV.load + load) -
      routeV.penalty;
  }
  if (costU + costV > -EPSILON) return false;

  const nodeX = ls.nodeX;
  ls.insertNode(nodeX, ls.nodeV);
  ls.insertNode(ls.nodeU, nodeX);
  ls.moveApplied(routeU, routeV);

  return true;
}
