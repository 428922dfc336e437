/**
 * The `k` nearest other points of `self` from a row of distances, closest first (ties by
 * index). A native numeric sort of a copy finds the k-th distance, so only the few points
 * within it need the slower comparator sort: fast enough for 1000 x 1000 matrices.
 */
export function nearestInRow(
  row: ArrayLike<number>,
  self: number,
  k: number,
  candidates: Int32Array,
): Int32Array {
  const count = candidates.length;
  const take = Math.min(k, count - (contains(candidates, self) ? 1 : 0));
  if (take <= 0) return new Int32Array(0);

  const values = new Float64Array(count);
  let m = 0;
  for (let i = 0; i < count; i++) {
    const j = candidates[i]!;
    if (j !== self) values[m++] = row[j]!;
  }
  const sorted = values.subarray(0, m).sort();
  const threshold = sorted[take - 1]!;

  const near: number[] = [];
  for (let i = 0; i < count; i++) {
    const j = candidates[i]!;
    if (j !== self && row[j]! <= threshold) near.push(j);
  }
  near.sort((a, b) => row[a]! - row[b]! || a - b);

  return Int32Array.from(near.slice(0, take));
}

function contains(list: Int32Array, value: number): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === value) return true;
  return false;
}

/** Customers 1..n-1 as a candidate list. */
export function customerIndexes(n: number): Int32Array {
  return Int32Array.from({ length: n - 1 }, (_, i) => i + 1);
}
