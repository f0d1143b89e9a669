/** Median and range of a few samples: what a handful of rounds on a shared machine can say. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

/** The {@link Spread} of `samples`; the median of an even count is the mean of the middle two. */
export function spreadOf(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN, samples: [...samples] };
}

/** `median (min–max)` with `digits` decimals. */
export function formatSpread(s: Spread, digits = 2): string {
  return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}
