/**
 * Exchange moves of the granular search: U with V (swap), U-X with V (2-1 cross-exchange)
 * and U-X with V-Y (2-2 cross-exchange). V must be a customer.
 */
import { EPSILON, type LocalSearch } from './local-search.js';

export function swapSingle(ls: LocalSearch): boolean {
  if (ls.u === ls.vPrev || ls.u === ls.y) return false;

  let costU = ls.d(ls.uPrev, ls.v) + ls.d(ls.v, ls.x) - ls.d(ls.uPrev, ls.u) - ls.d(ls.u, ls.x);
  let costV = ls.d(ls.vPrev, ls.u) + ls.d(ls.u, ls.y) - ls.d(ls.vPrev, ls.v) - ls.d(ls.v, ls.y);
  const { routeU, routeV } = ls;
  if (routeU !== routeV) {
    if (costU + costV >= routeU.penalty + routeV.penalty) return false;

    costU +=
      ls.penaltyExcessDuration(routeU.duration + costU + ls.serviceV - ls.serviceU) +
      ls.penaltyExcessLoad(routeU.load + ls.loadV - ls.loadU) -
      routeU.penalty;
    costV +=
      ls.penaltyExcessDuration(routeV.duration + costV - ls.serviceV + ls.serviceU) +
      ls.penaltyExcessLoad(routeV.load + ls.loadU - ls.loadV) -
      routeV.penalty;
  }
  if (costU + costV > -EPSILON) return false;

  ls.swapNode(ls.nodeU, ls.nodeV);
  ls.moveApplied(routeU, routeV);

  return true;
}

export function swapPairSingle(ls: LocalSearch): boolean {
  if (ls.u === ls.vPrev || ls.x === ls.vPrev || ls.u === ls.y || ls.nodeX.isDepot) return false;

  const ux = ls.d(ls.u, ls.x);
  let costU =
    ls.d(ls.uPrev, ls.v) + ls.d(ls.v, ls.xNext) - ls.d(ls.uPrev, ls.u) - ls.d(ls.x, ls.xNext);
  let costV = ls.d(ls.vPrev, ls.u) + ls.d(ls.x, ls.y) - ls.d(ls.vPrev, ls.v) - ls.d(ls.v, ls.y);
  const { routeU, routeV } = ls;
  if (routeU !== routeV) {
    if (costU + costV >= routeU.penalty + routeV.penalty) return false;

    const serviceUX = ls.serviceU + ls.serviceX;
    const loadUX = ls.loadU + ls.loadX;
    costU +=
      ls.penaltyExcessDuration(routeU.duration + costU - ux + ls.serviceV - serviceUX) +
      ls.penaltyExcessLoad(routeU.load + ls.loadV - loadUX) -
      routeU.penalty;
    costV +=
      ls.penaltyExcessDuration(routeV.duration + costV + ux - ls.serviceV + serviceUX) +
      ls.penaltyExcessLoad(routeV.load + loadUX - ls.loadV) -
      routeV.penalty;
  }
  if (costU + costV > -EPSILON) return false;

  const nodeX = ls.nodeX;
  ls.swapNode(ls.nodeU, ls.nodeV);
  ls.insertNode(nodeX, ls.nodeU);
  ls.moveApplied(routeU, routeV);

  return true;
}

export function swapPairPair(ls: LocalSearch): boolean {
  if (ls.nodeX.isDepot || ls.nodeY.isDepot) return false;
  if (ls.y === ls.uPrev || ls.u === ls.y || ls.x === ls.v || ls.v === ls.xNext) return false;

  const ux = ls.d(ls.u, ls.x);
  const vy = ls.d(ls.v, ls.y);
  let costU =
    ls.d(ls.uPrev, ls.v) + ls.d(ls.y, ls.xNext) - ls.d(ls.uPrev, ls.u) - ls.d(ls.x, ls.xNext);
  let costV =
    ls.d(ls.vPrev, ls.u) + ls.d(ls.x, ls.yNext) - ls.d(ls.vPrev, ls.v) - ls.d(ls.y, ls.yNext);
  const { routeU, routeV } = ls;
  if (routeU !== routeV) {
    if (costU + costV >= routeU.penalty + routeV.penalty) return false;

    const serviceUX = ls.serviceU + ls.serviceX;
    const serviceVY = ls.serviceV + ls.serviceY;
    const loadUX = ls.loadU + ls.loadX;
    const loadVY = ls.loadV + ls.loadY;
    costU +=
      ls.penaltyExcessDuration(routeU.duration + costU - ux + vy + serviceVY - serviceUX) +
      ls.penaltyExcessLoad(routeU.load + loadVY - loadUX) -
      routeU.penalty;
    costV +=
      ls.penaltyExcessDuration(routeV.duration + costV + ux - vy - serviceVY + serviceUX) +
      ls.penaltyExcessLoad(routeV.load + loadUX - loadVY) -
      routeV.penalty;
  }
  if (costU + costV > -EPSILON) return false;

  const nodeX = ls.nodeX;
  const nodeY = ls.nodeY;
  ls.swapNode(ls.nodeU, ls.nodeV);
  ls.swapNode(nodeX, nodeY);
  ls.moveApplied(routeU, routeV);

  return true;
}
