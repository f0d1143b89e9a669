import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureTemporalServer, findTemporalCli, freePort, startFakeGitHub, TemporalCluster } from '@reviewflow/devkit';
import { reviewWorkflowType } from '@reviewflow/contract';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { startBenchStack } from '../bench/start-bench-stack.js';
import type { ChaosProfile } from './chaos-options.js';
import { createChaosPullRequests } from './chaos-pull-requests.js';
import { chaosSummaryLine } from './chaos-summary-line.js';
import { checkChaosRun, type ChaosChecks } from './check-chaos-run.js';
import { HttpLog } from './http-log.js';
import { deadOnTheirOwn, injectFaults, type FaultRecord, type FaultTargets } from './inject-faults.js';
import { ReplicaStack } from './replica-stack.js';
import { RestartableTemporal } from './restartable-temporal.js';
import { ReviewBoard, type BoardEntry } from './review-board.js';
import { runReviewClient } from './review-client.js';
import { StackApps } from './stack-apps.js';
import { waitForPollers } from './wait-for-pollers.js';
import { runCleanups } from '../bench/run-cleanups.js';

/** Everything a chaos run measured; written as results.json. */
export interface ChaosResult {
  profile: ChaosProfile;
  /** From the first review start until the checks were done. */
  batchMs: number;
  /** Including starting and stopping Temporal, the loopback GitHub server and the stack. */
  totalMs: number;
  faults: FaultRecord[];
  checks: ChaosChecks;
  reviews: BoardEntry[];
  summary: string;
  /** Why the run could not finish its batch or its checks, when it could not. */
  error?: string;
}

const clientPollMs = 1_000;

/**
 * One chaos run: a Temporal dev server on a free port with its state in a throwaway SQLite file, a
 * loopback GitHub server holding `profile.reviews` pull requests, and the `npm start` stack (API,
 * worker-cpu, worker-gpu) against both. Clients start one pull-request review each, spread over
 * time, and poll it to the end while the faults of the profile strike reviews in flight; then the
 * API's answers, Temporal's executions and GitHub's side-effect log are checked.
 */
export async function performChaosRun(
  profile: ChaosProfile,
  options: { root: string; log: (message: string) => void; logFile?: string; signal?: AbortSignal },
): Promise<ChaosResult> {
  const { root, log, signal } = options;
  // Every client and the fault injector wait on it at once.
  if (signal) setMaxListeners(profile.reviews + 10, signal);
  // The stack's and the Temporal server's output, for finding out why a check failed.
  const logFd = options.logFile === undefined ? undefined : openSync(options.logFile, 'w');
  const startedAt = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), 'reviewflow-chaos-'));
  // PostgreSQL runs as its own user (as root: postgres) and must reach its data folder in here.
  chmodSync(scratch, 0o711);
  const cleanups: Array<() => Promise<void> | void> = [
    () => rmSync(scratch, { recursive: true, force: true }),
    () => (logFd === undefined ? undefined : closeSync(logFd)),
  ];
  let result: ChaosResult;
  try {
    const cli = await findTemporalCli({ projectRoot: root, log });
    if (cli.kind !== 'existing-path') throw new Error('the chaos run needs the Temporal CLI (see README, Test it)');
    const token = `ghp_chaos_${randomBytes(12).toString('hex')}`;
    const github = await startFakeGitHub({ auth: { kind: 'token', token } });
    cleanups.push(() => github.close());
    const pulls = createChaosPullRequests(profile.reviews, profile.filesPerReview, randomBytes(6).toString('hex'));
    for (const pull of pulls) github.addPullRequest(pull);
    const board = new ReviewBoard(pulls.map((p) => p.number));
    const dataDir = join(scratch, 'data');
    const appEnv = {
      GITHUB_API_URL: github.baseUrl,
      GITHUB_TOKEN: token,
      REVIEWFLOW_PUBLIC_API_URL: 'http://reviewflow.chaos.test',
      // Several embedding batches per review, so a worker-gpu kill lands between two of them.
      EMBEDDING_BATCH_SIZE: '4',
      // The clients stand for many CI jobs but share one key; the per-caller limit is not under test.
      REVIEWFLOW_RATE_LIMIT_PER_MINUTE: '0',
    };
    const serverLog =
      logFd === undefined ? undefined : (name: string, line: string) => writeSync(logFd, `[${name}] ${line}\n`);

    let targets: FaultTargets;
    let apiBases: string[];
    let apiKey: string;
    let connectionOptions: ConnectionOptions;
    let namespace = 'default';
    if (profile.cluster === undefined) {
      const temporal = await RestartableTemporal.start({
        cli: cli.path,
        dbFile: join(scratch, 'temporal.db'),
        port: await freePort(),
        ...(serverLog === undefined ? {} : { onLog: (line: string) => serverLog('temporal-server', line) }),
      });
      cleanups.push(() => temporal.stop());
      const stack = await startBenchStack({
        root,
        temporalAddress: temporal.address,
        dataDir,
        ...(options.logFile === undefined ? {} : { logFile: options.logFile }),
        env: appEnv,
      });
      cleanups.push(async () => {
        const stopping = Date.now();
        await stack.stop();
        log(`stack stopped in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
      });
      connectionOptions = { address: temporal.address };
      targets = { kind: 'dev-server', board, apps: new StackApps(stack, root, logFd), apiUrl: stack.api, temporal };
      apiBases = [stack.api];
      apiKey = stack.apiKey;
      log(`stack up at ${stack.api} against Temporal ${temporal.address} (state in ${scratch})`);
    } else {
      const cluster = await TemporalCluster.start({
        dir: join(scratch, 'cluster'),
        binaries: await ensureTemporalServer({ log }),
        cli: cli.path,
        log,
        ...(serverLog === undefined ? {} : { onLog: serverLog }),
      });
      cleanups.push(() => cluster.stop());
      const replicas = await ReplicaStack.start({
        root,
        replicas: profile.cluster.replicas,
        dataDir,
        env: { ...cluster.clientEnv, ...appEnv },
        ...(logFd === undefined ? {} : { logFd }),
      });
      cleanups.push(async () => {
        const stopping = Date.now();
        await replicas.stop();
        log(`replicas stopped in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
      });
      connectionOptions = cluster.connectionOptions;
      namespace = cluster.namespace;
      targets = { kind: 'cluster', board, cluster, replicas };
      apiBases = replicas.apiUrls;
      apiKey = replicas.apiKey;
      log(
        `${replicas.replicas.length} replicas (${replicas.replicas.map((r) => r.name).join(', ')}) against the cluster at ${cluster.frontendAddress} (mTLS; state in ${scratch})`,
      );
    }
    await waitForPollers(connectionOptions, namespace, 180_000);
    log(`workers polling after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);

    const began = Date.now();
    const http = new HttpLog(apiBases, apiKey, began);

    const startSpanMs = profile.reviews * profile.startEveryMs;
    const deadline = began + startSpanMs + profile.settleTimeoutMs;

    const clients = pulls.map(async (pull, i) => {
      await sleep(i * profile.startEveryMs, undefined, signal ? { signal } : {}).catch(() => undefined);
      await runReviewClient(pull, http, board, {
        pollMs: clientPollMs,
        deadline,
        began,
        ...(signal ? { signal } : {}),
      });
    });
    // Spread the faults over the starts, so early, middle and late reviews all meet one.
    const spacingMs = Math.floor(startSpanMs / (profile.faults.length + 1));
    let faults: FaultRecord[] = [];
    let error: string | undefined;
    try {
      faults = await injectFaults(profile.faults, targets, {
        spacingMs,
        gapMs: profile.faultGapMs,
        aimMs: 20_000,
        began,
        log,
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      error = `injecting faults failed: ${err instanceof Error ? err.message : String(err)}`;
      log(error);
    }
    await Promise.all(clients);
    log(`batch ended after ${((Date.now() - began) / 1000).toFixed(1)} s; checking`);

    const connection = await Connection.connect(connectionOptions);
    let checks: ChaosChecks;
    try {
      checks = await checkChaosRun({
        board,
        exchanges: http.exchanges,
        faults,
        listExecutions: async () => {
          const executions: Array<{ workflowId: string; status: string }> = [];
          const query = `WorkflowType = '${reviewWorkflowType}'`;
          for await (const e of new Client({ connection, namespace }).workflow.list({ query }))
            executions.push({ workflowId: e.workflowId, status: e.status.name });
          return executions;
        },
        github,
        pulls,
        dataDir,
      });
    } finally {
      await connection.close();
    }
    if (error !== undefined) checks.failures.push(error);
    if (signal?.aborted === true) checks.failures.push('interrupted');
    const dead = deadOnTheirOwn(targets, faults);
    if (dead.length > 0) checks.failures.push(`${dead.join(' and ')} exited on their own`);
    const batchMs = Date.now() - began;
    const summary = chaosSummaryLine(checks, faults, batchMs);
    result = {
      profile,
      batchMs,
      totalMs: 0,
      faults,
      checks,
      reviews: board.entries,
      summary,
      ...(error === undefined ? {} : { error }),
    };
  } finally {
    await runCleanups(cleanups, log);
  }
  result.totalMs = Date.now() - startedAt;
  log(`stopped everything; ${(result.totalMs / 1000).toFixed(1)} s in all`);
  return result;
}
