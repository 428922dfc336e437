/**
 * 2-opt* between two routes, cutting route U after U and route V after V (V may be the
 * depot, i.e. the cut is before V's first customer):
 * - tails: U's head + V's tail, and V's head + U's tail;
 * - cross: U's head + V's head reversed, and U's tail reversed + V's tail.
 */
import { EPSILON, type LocalSearch } from './local-search.js';

export function twoOptStarTails(ls: LocalSearch): boolean {
  const { nodeU, nodeV, routeU, routeV } = ls;
  if (routeU === routeV) return false;

  const cost =
    ls.d(ls.u, ls.y) +
    ls.d(ls.v, ls.x) -
    ls.d(ls.u, ls.x) -
    ls.d(ls.v, ls.y) -
    routeU.penalty -
    routeV.penalty +
    ls.penaltyExcessDuration(
      nodeU.cumulatedTime +
        routeV.duration -
        nodeV.cumulatedTime -
        ls.d(ls.v, ls.y) +
        ls.d(ls.u, ls.y),
    ) +
    ls.penaltyExcessDuration(
      nodeV.cumulatedTime +
        routeU.duration -
        nodeU.cumulatedTime -
        ls.d(ls.u, ls.x) +
        ls.d(ls.v, ls.x),
    ) +
    ls.penaltyExcessLoad(nodeU.cumulatedLoad + routeV.load - nodeV.cumulatedLoad) +
    ls.penaltyExcessLoad(nodeV.cumulatedLoad + routeU.load - nodeU.cumulatedLoad);
  if (cost > -EPSILON) return false;

  const headU = ls.headUpTo(nodeU);
  const tailU = ls.tailAfter(nodeU);
  const headV = ls.headUpTo(nodeV);
  const tailV = ls.tailAfter(nodeV);
  ls.relinkRoute(routeU, headU.concat(tailV));
  ls.relinkRoute(routeV, headV.concat(tailU));
  ls.moveApplied(routeU, routeV);

  return true;
}

export function twoOptStarCross(ls: LocalSearch): boolean {
  const { nodeU, nodeV, routeU, routeV } = ls;
  if (routeU === routeV) return false;

  const cost =
    ls.d(ls.u, ls.v) +
    ls.d(ls.x, ls.y) -
    ls.d(ls.u, ls.x) -
    ls.d(ls.v, ls.y) -
    routeU.penalty -
    routeV.penalty +
    ls.penaltyExcessDuration(nodeU.cumulatedTime + nodeV.cumulatedTime + ls.d(ls.u, ls.v)) +
    ls.penaltyExcessDuration(
      routeU.duration -
        nodeU.cumulatedTime -
        ls.d(ls.u, ls.x) +
        routeV.duration -
        nodeV.cumulatedTime -
        ls.d(ls.v, ls.y) +
        ls.d(ls.x, ls.y),
    ) +
    ls.penaltyExcessLoad(nodeU.cumulatedLoad + nodeV.cumulatedLoad) +
    ls.penaltyExcessLoad(routeU.load + routeV.load - nodeU.cumulatedLoad - nodeV.cumulatedLoad);
  if (cost > -EPSILON) return false;

  const headU = ls.headUpTo(nodeU);
  const tailU = ls.tailAfter(nodeU);
  const headV = ls.headUpTo(nodeV);
  const tailV = ls.tailAfter(nodeV);
  ls.relinkRoute(routeU, headU.concat(headV.reverse()));
  ls.relinkRoute(routeV, tailU.reverse().concat(tailV));
  ls.moveApplied(routeU, routeV);

  return true;
}
