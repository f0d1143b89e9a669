import { setTimeout as sleep } from 'node:timers/promises';
import type { TemporalCluster } from '@reviewflow/devkit';
import type { ChaosFault } from './chaos-options.js';
import type { ReplicaStack } from './replica-stack.js';
import type { RestartableTemporal } from './restartable-temporal.js';
import type { ReviewBoard } from './review-board.js';
import type { StackApps } from './stack-apps.js';
import { waitUntilReady } from './wait-until-ready.js';

/** One injected fault: when, what it hit, and when the system answered again. */
export interface FaultRecord {
  fault: ChaosFault;
  /** Milliseconds since the run began. */
  atMs: number;
  /** When the restarted part was back: the API ready again (api, temporal) or the worker respawned. */
  recoveredMs: number;
  /** Temporal only: when the restarted server was healthy (the API follows once it has reconnected). */
  serverBackMs?: number;
  /** The process it hit, against the cluster (`history-1`, `api-1`, ...). */
  target?: string;
  /** The base URL of the API replica it killed. */
  base?: string;
  /** Reviews accepted and not yet ended when the fault struck. */
  inFlight: number;
  /** Their stages at that moment. */
  stages: Record<string, number>;
}

/** The parts of the run a fault is aimed at: `npm start` on a dev server, or replicas on a cluster. */
export type FaultTargets = { board: ReviewBoard } & (
  | { kind: 'dev-server'; apps: StackApps; apiUrl: string; temporal: RestartableTemporal }
  | { kind: 'cluster'; replicas: ReplicaStack; cluster: TemporalCluster }
);

/** Which process of the cluster stack each cluster fault hits: always the first of its kind. */
const clusterTargets: Partial<Record<ChaosFault, string>> = {
  history: 'history-1',
  matching: 'matching-2',
  postgres: 'postgres',
  'worker-cpu-replica': 'worker-cpu-1',
  'api-replica': 'api-1',
};

// The stages where a worker kill hurts most: mid-activity, so the activity has to time out and be
// retried elsewhere. Temporal and API restarts matter whenever anything is in flight (undefined).
const aimedAt: Record<ChaosFault, readonly string[] | undefined> = {
  // Every stage but the gate runs workflow tasks on worker-cpu; since chunk batches the CPU
  // activities' own stages are too short for a 1 s poll to catch reliably.
  'worker-cpu': ['queued', 'fetching', 'chunking', 'embedding', 'reviewing', 'publishing'],
  'worker-gpu': ['embedding'],
  temporal: undefined,
  api: undefined,
  history: undefined,
  matching: undefined,
  postgres: undefined,
  'worker-cpu-replica': ['reviewing', 'fetching', 'chunking', 'publishing'],
  'api-replica': undefined,
};

/**
 * Injects `faults` one after another, spread over the run (see `spacingMs`), each once a review in flight is at a stage it
 * is aimed at (or, after `aimMs`, at any stage). Worker faults are SIGKILLs with an immediate
 * restart (a supervisor bringing the pod back); the Temporal fault stops the dev server and starts
 * it again on the same port and SQLite file; the API fault is a SIGTERM and a start of a new process.
 */
export async function injectFaults(
  faults: ChaosFault[],
  targets: FaultTargets,
  options: {
    /** Fault i is due `(i + 1) · spacingMs` after the run began (recoveries do not push the rest late)… */
    spacingMs: number;
    /** …but never sooner than this after the previous fault recovered. */
    gapMs: number;
    aimMs: number;
    began: number;
    log: (message: string) => void;
    signal?: AbortSignal;
  },
): Promise<FaultRecord[]> {
  const records: FaultRecord[] = [];
  const since = (): number => Date.now() - options.began;
  for (const [i, fault] of faults.entries()) {
    const wait = Math.max(options.gapMs, (i + 1) * options.spacingMs - since());
    await sleep(wait, undefined, options.signal ? { signal: options.signal } : {}).catch(() => undefined);
    if (options.signal?.aborted === true) break;
    const aimUntil = Date.now() + options.aimMs;
    while (Date.now() < aimUntil) {
      const inFlight = targets.board.inFlight();
      const aims = aimedAt[fault];
      if (inFlight.some((e) => aims === undefined || aims.includes(e.stage))) break;
      if (targets.board.settled()) break;
      await sleep(50);
    }
    const dead = deadOnTheirOwn(targets, records);
    if (dead.length > 0) throw new Error(`${dead.join(' and ')} exited on their own before the ${fault} fault`);
    const inFlight = targets.board.inFlight().length;
    const stages = targets.board.stages();
    const atMs = since();
    let recoveredMs: number;
    let serverBackMs: number | undefined;
    let hit: Pick<FaultRecord, 'target' | 'base'> = {};
    if (targets.kind === 'cluster') {
      const target = clusterTargets[fault];
      if (target === undefined) throw new Error(`the ${fault} fault is for the dev server, not the cluster`);
      hit = { target };
      const { cluster, replicas } = targets;
      if (fault === 'history') {
        // A crash and the supervisor's restart: the process comes back with the same address and
        // takes its shards back.
        await cluster.kill('history-1');
        await cluster.revive('history-1');
        serverBackMs = since();
      } else if (fault === 'matching') {
        // Lost for good: the other matching process takes over its task queue partitions.
        await cluster.kill('matching-2');
      } else if (fault === 'postgres') {
        await cluster.postgres.restart();
        serverBackMs = since();
      } else if (fault === 'worker-cpu-replica') {
        await replicas.kill('worker-cpu-1');
      } else {
        hit = { target, base: replicas.replica('api-1').url! };
        await replicas.kill('api-1');
      }
      const live = replicas.replicas.find((r) => r.url !== undefined && replicas.alive(r.name));
      recoveredMs = live?.url === undefined ? since() : (await waitUntilReady(live.url, 120_000)) - options.began;
    } else if (fault === 'worker-cpu' || fault === 'worker-gpu') {
      await targets.apps.killWorker(fault === 'worker-cpu' ? 'workerCpu' : 'workerGpu');
      recoveredMs = since();
    } else if (fault === 'temporal') {
      await targets.temporal.restart();
      serverBackMs = since();
      recoveredMs = (await waitUntilReady(targets.apiUrl, 120_000)) - options.began;
    } else {
      recoveredMs = (await targets.apps.restartApi()).readyAt - options.began;
    }
    records.push({
      fault,
      ...hit,
      atMs,
      recoveredMs,
      ...(serverBackMs === undefined ? {} : { serverBackMs }),
      inFlight,
      stages,
    });
    options.log(
      `${fault} at ${(atMs / 1000).toFixed(1)} s with ${inFlight} in flight ${JSON.stringify(stages)}, ` +
        `back after ${((recoveredMs - atMs) / 1000).toFixed(1)} s`,
    );
  }
  return records;
}

/** Apps of the stack that died without a fault having killed them. */
export function deadOnTheirOwn(targets: FaultTargets, faults: FaultRecord[]): string[] {
  if (targets.kind === 'dev-server')
    return (['api', 'workerCpu', 'workerGpu'] as const).filter((app) => !targets.apps.alive(app));
  const killed = new Set(faults.map((f) => f.target));
  return targets.replicas.replicas
    .filter((r) => !killed.has(r.name) && !targets.replicas.alive(r.name))
    .map((r) => r.name);
}
