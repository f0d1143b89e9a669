import { parseArgs } from 'node:util';

/**
 * A fault the chaos run injects while its reviews are in flight. Against the dev server: a worker
 * killed and restarted, the server restarted, the API restarted. Against the cluster (`--cluster`):
 * a history process killed and restarted, a matching process killed, PostgreSQL restarted, and a
 * worker-cpu or API replica killed for good (the other replica carries on).
 */
export type ChaosFault =
  | 'worker-cpu'
  | 'worker-gpu'
  | 'temporal'
  | 'api'
  | 'history'
  | 'matching'
  | 'postgres'
  | 'worker-cpu-replica'
  | 'api-replica';

/** How much one chaos run does. */
export interface ChaosProfile {
  /** Pull-request reviews started through the API. */
  reviews: number;
  /** Files per pull request (one chunk each): more keeps each review in flight longer. */
  filesPerReview: number;
  /** Reviews are started one every this many milliseconds, so faults land on reviews at every stage. */
  startEveryMs: number;
  /** Faults in the order they are injected. */
  faults: ChaosFault[];
  /** Pause after a fault has recovered before the next one is considered. */
  faultGapMs: number;
  /** The run fails when the reviews have not all ended this long after the last start. */
  settleTimeoutMs: number;
  /** Against a multi-process Temporal cluster with this many replicas of each deployable, instead of `npm start` on the dev server. */
  cluster?: { replicas: number };
}

/**
 * The full run (about 50 reviews, every fault the issue asks for) and the short one CI runs. Faults
 * alternate between kinds so each hits a different mix of stages; the API restart comes last, when
 * clients are still polling but no longer starting.
 */
export const chaosProfiles: Record<ChaosProfileName, ChaosProfile> = {
  full: {
    reviews: 50,
    filesPerReview: 12,
    startEveryMs: 1_500,
    faults: ['worker-cpu', 'worker-gpu', 'worker-cpu', 'temporal', 'worker-cpu', 'api'],
    faultGapMs: 4_000,
    settleTimeoutMs: 300_000,
  },
  // Since chunk batches a review here takes well under a second: starts over 7 s keep reviews in
  // flight for both faults, whatever the worker-cpu restart costs.
  short: {
    reviews: 10,
    filesPerReview: 16,
    startEveryMs: 700,
    faults: ['worker-cpu', 'temporal'],
    faultGapMs: 1_000,
    settleTimeoutMs: 90_000,
  },
  // Reviews on the cluster take about a second at 8 files; 40 keep each in flight for several.
  cluster: {
    reviews: 50,
    filesPerReview: 40,
    startEveryMs: 1_500,
    faults: ['history', 'matching', 'postgres', 'worker-cpu-replica', 'api-replica'],
    faultGapMs: 4_000,
    settleTimeoutMs: 300_000,
    cluster: { replicas: 2 },
  },
  'cluster-short': {
    reviews: 6,
    filesPerReview: 40,
    startEveryMs: 500,
    faults: ['history'],
    faultGapMs: 1_000,
    settleTimeoutMs: 120_000,
    cluster: { replicas: 2 },
  },
};

/** `--short` and `--cluster` pick one of these. */
export type ChaosProfileName = 'full' | 'short' | 'cluster' | 'cluster-short';

/** Parsed command line of `npm run chaos`. */
export interface ChaosOptions {
  profile: ChaosProfileName;
  run: ChaosProfile;
  /** Results folder; `bench-results/chaos/` at the root unless given. */
  out: string | undefined;
}

const devServerFaults: readonly ChaosFault[] = ['worker-cpu', 'worker-gpu', 'temporal', 'api'];
const clusterFaults: readonly ChaosFault[] = ['history', 'matching', 'postgres', 'worker-cpu-replica', 'api-replica'];

/**
 * `npm run chaos [-- --short] [--cluster] [--reviews N] [--faults worker-cpu,worker-gpu,temporal,api,...] [--out DIR]`.
 * `--faults` lists the faults in order (repeat a kind to inject it again); `--faults none` injects none.
 */
export function parseChaosOptions(argv: string[]): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      short: { type: 'boolean', default: false },
      cluster: { type: 'boolean', default: false },
      reviews: { type: 'string' },
      faults: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const profile: ChaosProfileName = values.cluster
    ? values.short
      ? 'cluster-short'
      : 'cluster'
    : values.short
      ? 'short'
      : 'full';
  const faultKinds = values.cluster ? clusterFaults : devServerFaults;
  const run: ChaosProfile = { ...chaosProfiles[profile] };
  if (values.reviews !== undefined) {
    const reviews = Number(values.reviews);
    if (!Number.isInteger(reviews) || reviews < 1)
      throw new Error(`--reviews must be a positive integer, got ${values.reviews}`);
    run.reviews = reviews;
  }
  if (values.faults !== undefined) {
    const faults = values.faults === 'none' ? [] : values.faults.split(',').map((f) => f.trim());
    for (const fault of faults) {
      if (!faultKinds.includes(fault as ChaosFault))
        throw new Error(
          `unknown fault "${fault}"${values.cluster ? ' with --cluster' : ''}; use ${faultKinds.join(', ')} or none`,
        );
    }
    run.faults = faults as ChaosFault[];
  }
  return { profile, run, out: values.out };
}
