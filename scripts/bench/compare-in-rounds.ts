import { compareSideBySide, type SideBySide, type SideBySideCounts } from './compare-side-by-side.js';

/** One figure over the rounds: the median and the spread, and every round's value for the record. */
export interface RoundFigure {
  median: number;
  min: number;
  max: number;
  values: number[];
}

/** The gateway against a peer doing the same operation, over alternating rounds. */
export interface RoundsComparison {
  rounds: number;
  /** p50(api) − p50(peer) at one caller, per round. */
  addedP50Ms: RoundFigure;
  /** p99(api) − p99(peer) at one caller, per round: with a round's few samples, close to the slowest call. */
  addedP99Ms: RoundFigure;
  p50Ms: { api: RoundFigure; peer: RoundFigure };
  p99Ms: { api: RoundFigure; peer: RoundFigure };
  throughput: Array<{ callers: number; ratio: RoundFigure; apiPerSec: RoundFigure; peerPerSec: RoundFigure }>;
}

/**
 * Runs {@link compareSideBySide} `rounds` times, each with its share of the calls, so every figure is
 * the median of `rounds` values with their spread: a change smaller than the spread is noise. Each
 * round alternates the two sides itself (latency api/peer, peer/api; throughput ABBA), so drift
 * during the run hits both alike.
 */
export async function compareInRounds(
  api: () => Promise<unknown>,
  peer: () => Promise<unknown>,
  counts: SideBySideCounts,
  rounds: number,
): Promise<RoundsComparison> {
  const perRound: SideBySideCounts = {
    latencySamples: Math.max(2, Math.ceil(counts.latencySamples / rounds)),
    callers: counts.callers,
    callsAt: (callers) => Math.max(callers, Math.ceil(counts.callsAt(callers) / rounds)),
  };
  const runs: SideBySide[] = [];
  for (let r = 0; r < rounds; r++) runs.push(await compareSideBySide(api, peer, perRound));
  return {
    rounds,
    addedP50Ms: roundFigure(runs.map((run) => run.latency.addedP50Ms)),
    addedP99Ms: roundFigure(runs.map((run) => run.latency.addedP99Ms)),
    p50Ms: {
      api: roundFigure(runs.map((run) => run.latency.api.p50)),
      peer: roundFigure(runs.map((run) => run.latency.direct.p50)),
    },
    p99Ms: {
      api: roundFigure(runs.map((run) => run.latency.api.p99)),
      peer: roundFigure(runs.map((run) => run.latency.direct.p99)),
    },
    throughput: counts.callers.map((callers, i) => ({
      callers,
      ratio: roundFigure(runs.map((run) => run.throughput[i]!.ratio)),
      apiPerSec: roundFigure(runs.map((run) => run.throughput[i]!.apiPerSec)),
      peerPerSec: roundFigure(runs.map((run) => run.throughput[i]!.directPerSec)),
    })),
  };
}

/** `median (min–max)` with `digits` decimals, as the bench tables print a figure. */
export function formatRoundFigure(f: RoundFigure, digits: number, unit = ''): string {
  return `${f.median.toFixed(digits)}${unit} (${f.min.toFixed(digits)}–${f.max.toFixed(digits)})`;
}

/** Callers' calls one {@link compareInRounds} makes, to know how many fresh reviews to prepare. */
export function callsOfRounds(counts: SideBySideCounts, rounds: number): number {
  const latency = Math.max(2, Math.ceil(counts.latencySamples / rounds));
  const throughput = counts.callers.reduce(
    (sum, callers) => sum + Math.max(callers, Math.ceil(counts.callsAt(callers) / rounds)),
    0,
  );
  return rounds * (2 * latency + 4 * throughput);
}

/** The median of `values` with their range. */
export function roundFigure(values: number[]): RoundFigure {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, values };
}
