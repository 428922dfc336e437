export interface Summary {
  mean: number;
  median: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { mean: Number.NaN, median: Number.NaN, max: Number.NaN };

  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;

  return {
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    median,
    max: sorted[sorted.length - 1]!,
  };
}

export const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
