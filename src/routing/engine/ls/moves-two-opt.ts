/**
 * 2-opt inside one route: for U before V, replace arcs U-X and V-Y by U-V and X-Y, which
 * reverses the segment X..V. Distances are symmetric, so only the two arcs change.
 */
import { EPSILON, type LocalSearch } from './local-search.js';

export function twoOptIntra(ls: LocalSearch): boolean {
  const { nodeU, nodeV, nodeX, nodeY } = ls;
  if (ls.routeU !== ls.routeV || nodeU.position > nodeV.position) return false;

  const cost = ls.d(ls.u, ls.v) + ls.d(ls.x, ls.y) - ls.d(ls.u, ls.x) - ls.d(ls.v, ls.y);
  if (cost > -EPSILON) return false;

  let node = nodeX.next;
  nodeX.prev = node;
  nodeX.next = nodeY;
  while (node !== nodeV) {
    const next = node.next;
    node.next = node.prev;
    node.prev = next;
    node = next;
  }
  nodeV.next = nodeV.prev;
  nodeV.prev = nodeU;
  nodeU.next = nodeV;
  nodeY.prev = nodeX;
  ls.moveApplied(ls.routeU, ls.routeU);

  return true;
}
