import type { SideBySideCounts } from './compare-side-by-side.js';
import { parseArgs } from 'node:util';

/**
 * One comparison of the gateway with what a caller would use instead, per operation: calls over all
 * rounds (each round gets its share); approvals take a fresh waiting review per call, so fewer.
 */
export interface RoundCounts {
  rounds: number;
  calls: SideBySideCounts;
  approvalCalls: SideBySideCounts;
}

/** How much of everything one benchmark run does. */
export interface BenchCounts {
  /** `rounds`: alternating rounds of batched and one-activity-per-chunk reviews at every K. */
  fanOut: { chunks: number; durationMs: number; ks: number[]; rounds: number };
  /** Against the SDK's own calls (`workflow.start`, query, update) from the bench's process. */
  gateway: RoundCounts;
  /** Against Temporal's HTTP API. */
  peer: RoundCounts;
  metricsReviewsPerRound: number;
  soak: { targets: number[]; inFlight: number; budgetMs: number };
  /** Omitted: no fault run. */
  fault?: { reviews: number; filesPerReview: number; kills: Array<'cpu' | 'gpu'>; killEveryMs: number };
}

/** The full run (a few minutes on 2 cores) and the smoke test's tiny one. */
export const presets: Record<'full' | 'smoke', BenchCounts> = {
  full: {
    fanOut: { chunks: 24, durationMs: 200, ks: [1, 2, 4, 8], rounds: 5 },
    // The same counts as the peer's: one run of a throughput comparison lasted half a second, so
    // single runs swung by more than the targets' margins; five rounds show that spread.
    gateway: {
      rounds: 5,
      calls: { latencySamples: 100, callers: [1, 8, 32], callsAt: (c) => Math.max(80, 5 * c) },
      approvalCalls: { latencySamples: 40, callers: [1, 8, 32], callsAt: (c) => Math.max(20, 2 * c) },
    },
    peer: {
      rounds: 5,
      calls: { latencySamples: 100, callers: [1, 8, 32], callsAt: (c) => Math.max(80, 5 * c) },
      approvalCalls: { latencySamples: 40, callers: [1, 8, 32], callsAt: (c) => Math.max(20, 2 * c) },
    },
    metricsReviewsPerRound: 16,
    soak: { targets: [100, 1000], inFlight: 16, budgetMs: 300_000 },
    fault: { reviews: 12, filesPerReview: 24, kills: ['cpu', 'cpu', 'gpu', 'cpu'], killEveryMs: 3_000 },
  },
  smoke: {
    fanOut: { chunks: 4, durationMs: 50, ks: [1, 2], rounds: 2 },
    gateway: {
      rounds: 2,
      calls: { latencySamples: 4, callers: [1, 4], callsAt: (c) => c },
      approvalCalls: { latencySamples: 4, callers: [1, 4], callsAt: (c) => c },
    },
    peer: {
      rounds: 2,
      calls: { latencySamples: 4, callers: [1, 4], callsAt: (c) => c },
      approvalCalls: { latencySamples: 4, callers: [1, 4], callsAt: (c) => c },
    },
    metricsReviewsPerRound: 2,
    soak: { targets: [5, 10], inFlight: 5, budgetMs: 20_000 },
  },
};

/** Parsed command line of `npm run bench`. */
export interface BenchOptions {
  preset: 'full' | 'smoke';
  counts: BenchCounts;
  /** Results folder; `bench-results/` at the root unless given. */
  out: string | undefined;
  /** Only the comparisons with Temporal's HTTP API (`--peer-only`). */
  peerOnly: boolean;
  /** Only the fan-out rounds (`--fan-out-only`). */
  fanOutOnly: boolean;
}

/** `npm run bench [-- --smoke] [--no-fault] [--fault] [--peer-only | --fan-out-only] [--out DIR]`. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: 'boolean', default: false },
      fault: { type: 'boolean' },
      'no-fault': { type: 'boolean', default: false },
      'peer-only': { type: 'boolean', default: false },
      'fan-out-only': { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const preset = values.smoke ? 'smoke' : 'full';
  const counts: BenchCounts = { ...presets[preset] };
  if (values['no-fault']) delete counts.fault;
  if (values.fault && !counts.fault) {
    counts.fault = { reviews: 2, filesPerReview: 8, kills: ['cpu', 'gpu'], killEveryMs: 1_000 };
  }
  if (values['peer-only'] && values['fan-out-only'])
    throw new Error('--peer-only and --fan-out-only exclude each other');
  return { preset, counts, out: values.out, peerOnly: values['peer-only'], fanOutOnly: values['fan-out-only'] };
}
