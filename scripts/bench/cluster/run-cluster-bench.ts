/**
 * `npm run bench:cluster [-- --rounds 3] [--reviews 12] [--files 8]`: what a review costs on the
 * multi-process Temporal cluster (PostgreSQL, mTLS; see `npm run cluster`), and how review throughput
 * changes from one worker-cpu replica to two.
 *
 * One cluster, one API, one worker-gpu and two worker-cpu replicas, each its own process. Rounds
 * alternate between one worker-cpu replica (the second drained and stopped) and two (started again),
 * each round starting `--reviews` GitHub pull-request reviews at once through the API and waiting for
 * their workflows to close (a long poll on Temporal, no API queries). Per round: reviews completed per
 * second, history events per review, and billable actions per review from the frontend's `action`
 * metric (Temporal's own count of what Temporal Cloud bills). Prints the rounds side by side with
 * the median and spread per replica count, and the ratio; writes bench-results/cluster/results.json.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureTemporalServer, findTemporalCli, startFakeGitHub, TemporalCluster } from '@reviewflow/devkit';
import { TaskQueue } from '@reviewflow/contract';
import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { createChaosPullRequests } from '../../chaos/chaos-pull-requests.js';
import { ReplicaStack } from '../../chaos/replica-stack.js';
import { formatRoundFigure, roundFigure, type RoundFigure } from '../compare-in-rounds.js';
import { cpuSecondsOf, withChildren } from './cpu-seconds.js';
import { actionsBetween, frontendActions } from './frontend-actions.js';
import { runCleanups } from '../run-cleanups.js';

const { TaskQueueType } = proto.temporal.api.enums.v1;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    reviews: { type: 'string', default: '12' },
    files: { type: 'string', default: '8' },
    out: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const perRound = Number(values.reviews);
const files = Number(values.files);
const outDir = path.resolve(values.out ?? path.join(root, 'bench-results', 'cluster'));
const log = (message: string): void => console.error(`[bench:cluster] ${message}`);

interface Round {
  workerCpuReplicas: 1 | 2;
  reviews: number;
  seconds: number;
  reviewsPerSecond: number;
  eventsPerReview: number;
  actionsPerReview: number;
  actionsByType: Record<string, number>;
  /** Cores each part of the system kept busy during the round (CPU seconds / round seconds). */
  cores: Record<string, number>;
}

const scratch = mkdtempSync(path.join(tmpdir(), 'reviewflow-bench-cluster-'));
chmodSync(scratch, 0o711);
mkdirSync(outDir, { recursive: true });
const logFd = openSync(path.join(outDir, 'stack.log'), 'w');
const cleanups: Array<() => Promise<void> | void> = [
  () => rmSync(scratch, { recursive: true, force: true }),
  () => closeSync(logFd),
];
try {
  const cli = await findTemporalCli({ projectRoot: root, log });
  if (cli.kind !== 'existing-path') throw new Error('the cluster bench needs the Temporal CLI (npm test installs it)');
  const cluster = await TemporalCluster.start({
    dir: path.join(scratch, 'cluster'),
    binaries: await ensureTemporalServer({ log }),
    cli: cli.path,
    log,
  });
  cleanups.push(() => cluster.stop());
  const token = `ghp_bench_${randomBytes(12).toString('hex')}`;
  const github = await startFakeGitHub({ auth: { kind: 'token', token } });
  cleanups.push(() => github.close());
  // One more for the warm-up review.
  const pulls = createChaosPullRequests(1 + rounds * 2 * perRound, files, randomBytes(6).toString('hex'));
  for (const pull of pulls) github.addPullRequest(pull);
  const stack = await ReplicaStack.start({
    root,
    replicas: { api: 1, 'worker-cpu': 2, 'worker-gpu': 1 },
    dataDir: path.join(scratch, 'data'),
    env: {
      ...cluster.clientEnv,
      GITHUB_API_URL: github.baseUrl,
      GITHUB_TOKEN: token,
      REVIEWFLOW_PUBLIC_API_URL: 'http://reviewflow.bench.test',
      REVIEWFLOW_RATE_LIMIT_PER_MINUTE: '0',
    },
    logFd,
  });
  cleanups.push(() => stack.stop());
  const connection = await Connection.connect(cluster.connectionOptions);
  cleanups.push(() => connection.close());
  const client = new Client({ connection, namespace: cluster.namespace });
  const api = stack.apiUrls[0]!;
  for (const name of ['worker-cpu-1', 'worker-cpu-2', 'worker-gpu-1'])
    await waitForPoller(connection, cluster.namespace, stack.replica(name).child.pid!);
  log('stack polling; warming up with one review');
  let next = 0;
  const runReviews = async (count: number): Promise<{ seconds: number; ids: string[] }> => {
    const batch = pulls.slice(next, next + count);
    next += count;
    const began = performance.now();
    const ids = await Promise.all(
      batch.map(async (pull) => {
        const res = await fetch(`${api}/reviews`, {
          method: 'POST',
          headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            source: {
              kind: 'github',
              owner: pull.owner,
              repo: pull.repo,
              pullNumber: pull.number,
              headSha: pull.headSha,
            },
          }),
        });
        const body = (await res.json()) as { id?: string };
        if (res.status !== 202 || body.id === undefined) throw new Error(`POST /reviews answered ${res.status}`);
        return body.id;
      }),
    );
    await Promise.all(ids.map((id) => client.workflow.getHandle(id).result()));
    return { seconds: (performance.now() - began) / 1000, ids };
  };
  await runReviews(1);

  const results: Round[] = [];
  for (let r = 0; r < rounds * 2; r++) {
    const replicas: 1 | 2 = r % 2 === 0 ? 1 : 2;
    if (replicas === 1) await stack.stopReplica('worker-cpu-2');
    else {
      await stack.startReplica('worker-cpu-2');
      await waitForPoller(connection, cluster.namespace, stack.replica('worker-cpu-2').child.pid!);
    }
    // The frontend reports its counters every second: let the previous round's settle first.
    await sleep(1_500);
    const before = await frontendActions(cluster.metricsUrl('frontend'), cluster.namespace);
    // Which processes make up each part: the six Temporal services, PostgreSQL and its backends,
    // and each deployable's replicas. PostgreSQL's backends come and go with connections, so its
    // figure counts those alive at both ends of the round (pools keep them open).
    const parts: Record<string, number[]> = {
      temporal: cluster.processNames.flatMap((n) => (cluster.pidOf(n) === undefined ? [] : [cluster.pidOf(n)!])),
      postgresql: cluster.postgres.pid === undefined ? [] : withChildren(cluster.postgres.pid),
      api: stack.replicas.filter((x) => x.app === 'api').map((x) => x.child.pid!),
      'worker-cpu': stack.replicas
        .filter((x) => x.app === 'worker-cpu' && stack.alive(x.name))
        .map((x) => x.child.pid!),
      'worker-gpu': stack.replicas.filter((x) => x.app === 'worker-gpu').map((x) => x.child.pid!),
    };
    const cpuBefore = Object.fromEntries(
      Object.entries(parts).map(([part, pids]) => [part, pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0)]),
    );
    const { seconds, ids } = await runReviews(perRound);
    const cores = Object.fromEntries(
      Object.entries(parts).map(([part, pids]) => [
        part,
        (pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0) - cpuBefore[part]!) / seconds,
      ]),
    );
    // The frontend's counters are scraped, not pushed: give the last workflow task's count a moment.
    await sleep(1_500);
    const delta = actionsBetween(before, await frontendActions(cluster.metricsUrl('frontend'), cluster.namespace));
    let events = 0;
    for (const id of ids) events += (await client.workflow.getHandle(id).fetchHistory()).events?.length ?? 0;
    const total = [...delta.values()].reduce((a, b) => a + b, 0);
    const round: Round = {
      workerCpuReplicas: replicas,
      reviews: ids.length,
      seconds,
      reviewsPerSecond: ids.length / seconds,
      eventsPerReview: events / ids.length,
      actionsPerReview: total / ids.length,
      actionsByType: Object.fromEntries([...delta].map(([type, n]) => [type, n / ids.length])),
      cores,
    };
    results.push(round);
    log(
      `round ${r + 1}: ${replicas} worker-cpu, ${round.reviewsPerSecond.toFixed(2)} reviews/s, ` +
        `${round.eventsPerReview.toFixed(1)} events and ${round.actionsPerReview.toFixed(1)} actions per review`,
    );
  }
  const published = pulls.filter((p) => github.reviews(p.owner, p.repo, p.number).length === 1).length;
  const summary = summarise(results);
  console.log(summary);
  console.log(`published exactly once: ${published} of ${pulls.length} pull requests`);
  writeFileSync(
    path.join(outDir, 'results.json'),
    `${JSON.stringify({ startedAt: new Date().toISOString(), cpus: cpus().length, perRound, files, rounds: results }, null, 2)}\n`,
  );
} finally {
  await runCleanups(cleanups, log);
}

/** Waits until a worker process (by pid, the SDK's identity is `<pid>@<host>`) polls the cpu or gpu queue. */
async function waitForPoller(connection: Connection, namespace: string, pid: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    for (const name of [TaskQueue.cpu, TaskQueue.gpu]) {
      const answer = await connection.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name },
        taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
      });
      if ((answer.pollers ?? []).some((p) => p.identity?.startsWith(`${pid}@`))) return;
    }
    if (Date.now() > deadline) throw new Error(`worker ${pid} did not poll within 120 s`);
    await sleep(250);
  }
}

function summarise(results: Round[]): string {
  const of = (n: 1 | 2) => results.filter((r) => r.workerCpuReplicas === n);
  const line = (label: string, pick: (r: Round) => number, digits: number): string => {
    const [one, two] = ([1, 2] as const).map((n) => roundFigure(of(n).map(pick))) as [RoundFigure, RoundFigure];
    const cells = [formatRoundFigure(one, digits), formatRoundFigure(two, digits)];
    const ratio = two.median / one.median;
    return `${label.padEnd(44)} ${cells[0]!.padEnd(24)} ${cells[1]!.padEnd(24)} ${ratio.toFixed(2)}`;
  };
  const types = [...new Set(results.flatMap((r) => Object.keys(r.actionsByType)))].sort();
  return [
    `${'per review, median (range)'.padEnd(44)} ${'1 worker-cpu'.padEnd(24)} ${'2 worker-cpu'.padEnd(24)} 2 / 1`,
    line('reviews/s', (r) => r.reviewsPerSecond, 2),
    line('history events', (r) => r.eventsPerReview, 1),
    line('billable actions', (r) => r.actionsPerReview, 1),
    ...types.map((t) => line(`  ${t}`, (r) => r.actionsByType[t] ?? 0, 1)),
    `cores busy (of ${cpus().length}), by part`,
    ...Object.keys(results[0]?.cores ?? {}).map((part) => line(`  ${part}`, (r) => r.cores[part] ?? 0, 2)),
  ].join('\n');
}
