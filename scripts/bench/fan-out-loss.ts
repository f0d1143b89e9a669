import type { ReviewSpan } from './timed-reviewer.js';

/** Where a fan-out run lost time against ceil(N/K)·d, in ms (NaN where a kind of gap never occurred). */
export interface FanOutLoss {
  /** From the first lane's first chunk to the K-th lane's: dispatching the first activities. */
  startSkewMs: number;
  /** Mean gap between two chunks of one activity. */
  inBatchGapMs: number;
  /** Mean gap from an activity's last chunk to the first chunk of the activity that took its lane. */
  handOverMs: number;
  handOvers: number;
}

const mean = (xs: number[]): number => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * Splits a run's lost time by what caused it, from the chunk reviews' spans. Lanes are not
 * observable, so a later activity is paired with the lane that freed first (the i-th activity to
 * finish with the i-th one to start after the first K): exact when hand-overs take about the same.
 */
export function fanOutLoss(spans: readonly ReviewSpan[], k: number): FanOutLoss {
  const byActivity = new Map<string, ReviewSpan[]>();
  for (const s of spans) byActivity.set(s.activityId, [...(byActivity.get(s.activityId) ?? []), s]);
  const activities = [...byActivity.values()]
    .map((list) => list.sort((a, b) => a.startMs - b.startMs))
    .sort((a, b) => a[0]!.startMs - b[0]!.startMs);
  const firstStarts = activities.map((a) => a[0]!.startMs);
  const lanes = Math.min(k, activities.length);
  const gaps = activities.flatMap((a) => a.slice(1).map((s, i) => s.startMs - a[i]!.endMs));
  const later = firstStarts.slice(lanes);
  const ends = activities.map((a) => a[a.length - 1]!.endMs).sort((a, b) => a - b);
  const handOvers = later.map((start, i) => start - ends[i]!);
  return {
    startSkewMs: lanes > 0 ? firstStarts[lanes - 1]! - firstStarts[0]! : Number.NaN,
    inBatchGapMs: mean(gaps),
    handOverMs: mean(handOvers),
    handOvers: handOvers.length,
  };
}
