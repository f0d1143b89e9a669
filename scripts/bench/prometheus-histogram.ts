/** Cumulative bucket counts of one Prometheus histogram, summed over the label sets asked for. */
export type Buckets = Map<number, number>;

/**
 * The `_bucket` series of histogram `metric` in a Prometheus text exposition, summed over every
 * label set for which `keep(labels)` holds, keyed by upper bound (`+Inf` as Infinity).
 */
export function histogramBuckets(
  exposition: string,
  metric: string,
  keep: (labels: string) => boolean = () => true,
): Buckets {
  const buckets: Buckets = new Map();
  const line = new RegExp(`^${metric}_bucket\\{(.*)\\}\\s+(\\S+)`);
  for (const text of exposition.split('\n')) {
    const match = line.exec(text);
    if (!match || !keep(match[1]!)) continue;
    const le = /(?:^|,)le="([^"]+)"/.exec(match[1]!)?.[1];
    if (le === undefined) continue;
    const bound = le === '+Inf' ? Infinity : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(match[2]));
  }
  return buckets;
}

/** `after - before`, bucket by bucket: the observations made between two scrapes. */
export function bucketDelta(after: Buckets, before: Buckets): Buckets {
  return new Map([...after].map(([le, count]) => [le, count - (before.get(le) ?? 0)]));
}

/**
 * The q-quantile (0..1) of a histogram like PromQL's histogram_quantile: linear within the bucket
 * that holds it; the highest finite bound when it falls in +Inf; NaN without observations.
 */
export function histogramQuantile(buckets: Buckets, q: number): number {
  const bounds = [...buckets.keys()].sort((a, b) => a - b);
  const total = buckets.get(Infinity) ?? 0;
  if (total <= 0) return Number.NaN;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const le of bounds) {
    const count = buckets.get(le)!;
    if (count >= rank) {
      if (le === Infinity) return lowerBound;
      return lowerBound + ((le - lowerBound) * (rank - lowerCount)) / Math.max(count - lowerCount, 1e-9);
    }
    lowerBound = le;
    lowerCount = count;
  }
  return lowerBound;
}
