import type { Rng } from './rng.js';

/**
 * Ordered crossover (OX) on giant tours: the child keeps a random cyclic slice of the first
 * parent, then takes the remaining customers in the second parent's order after the slice.
 */
export function orderedCrossover(
  parentA: Int32Array,
  parentB: Int32Array,
  child: Int32Array,
  seen: Uint8Array,
  rng: Rng,
): void {
  const size = parentA.length;
  seen.fill(0);
  if (size === 1) {
    child[0] = parentA[0]!;
    return;
  }

  const start = rng.int(size);
  let end = rng.int(size);
  while (end === start) end = rng.int(size);

  let j = start;
  while (j % size !== (end + 1) % size) {
    const c = parentA[j % size]!;
    child[j % size] = c;
    seen[c] = 1;
    j++;
  }
  for (let i = 1; i <= size; i++) {
    const c = parentB[(end + i) % size]!;
    if (seen[c] === 1) continue;

    child[j % size] = c;
    j++;
  }
}
