import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findTemporalCli, freePort, startFakeGitHub } from '@reviewflow/devkit';
import { reviewWorkflowType } from '@reviewflow/workflows';
import { Client, Connection } from '@temporalio/client';
import { startBenchStack } from '../bench/start-bench-stack.js';
import type { ChaosProfile } from './chaos-options.js';
import { createChaosPullRequests } from './chaos-pull-requests.js';
import { chaosSummaryLine } from './chaos-summary-line.js';
import { checkChaosRun, type ChaosChecks } from './check-chaos-run.js';
import { HttpLog } from './http-log.js';
import { injectFaults, type FaultRecord } from './inject-faults.js';
import { RestartableTemporal } from './restartable-temporal.js';
import { ReviewBoard, type BoardEntry } from './review-board.js';
import { runReviewClient } from './review-client.js';
import { StackApps } from './stack-apps.js';
import { waitForPollers } from './wait-for-pollers.js';

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
  const cleanups: Array<() => Promise<void> | void> = [
    () => rmSync(scratch, { recursive: true, force: true }),
    () => (logFd === undefined ? undefined : closeSync(logFd)),
  ];
  let result: ChaosResult;
  try {
    const cli = await findTemporalCli({ projectRoot: root, log });
    if (cli.kind !== 'existing-path') throw new Error('the chaos run needs the Temporal CLI (see README, Test it)');
    const temporal = await RestartableTemporal.start({
      cli: cli.path,
      dbFile: join(scratch, 'temporal.db'),
      port: await freePort(),
      ...(logFd === undefined ? {} : { onLog: (line: string) => writeSync(logFd, `[temporal-server] ${line}\n`) }),
    });
    cleanups.push(() => temporal.stop());

    const token = `ghp_chaos_${randomBytes(12).toString('hex')}`;
    const github = await startFakeGitHub({ auth: { kind: 'token', token } });
    cleanups.push(() => github.close());
    const pulls = createChaosPullRequests(profile.reviews, profile.filesPerReview, randomBytes(6).toString('hex'));
    for (const pull of pulls) github.addPullRequest(pull);

    const dataDir = join(scratch, 'data');
    const stack = await startBenchStack({
      root,
      temporalAddress: temporal.address,
      dataDir,
      ...(options.logFile === undefined ? {} : { logFile: options.logFile }),
      env: {
        GITHUB_API_URL: github.baseUrl,
        GITHUB_TOKEN: token,
        REVIEWFLOW_PUBLIC_API_URL: 'http://reviewflow.chaos.test',
        // Several embedding batches per review, so a worker-gpu kill lands between two of them.
        EMBEDDING_BATCH_SIZE: '4',
        // The clients stand for many CI jobs but share one key; the per-caller limit is not under test.
        REVIEWFLOW_RATE_LIMIT_PER_MINUTE: '0',
      },
    });
    cleanups.push(async () => {
      const stopping = Date.now();
      await stack.stop();
      log(`stack stopped in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
    });
    await waitForPollers(temporal.address, 120_000);
    log(
      `stack up after ${((Date.now() - startedAt) / 1000).toFixed(1)} s at ${stack.api} against Temporal ${temporal.address} (state in ${scratch})`,
    );

    const apps = new StackApps(stack, root, logFd);
    const began = Date.now();
    const http = new HttpLog(stack.api, stack.apiKey, began);
    const board = new ReviewBoard(pulls.map((p) => p.number));
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
      faults = await injectFaults(
        profile.faults,
        { apps, apiUrl: stack.api, temporal, board },
        { spacingMs, gapMs: profile.faultGapMs, aimMs: 20_000, began, log, ...(signal ? { signal } : {}) },
      );
    } catch (err) {
      error = `injecting faults failed: ${err instanceof Error ? err.message : String(err)}`;
      log(error);
    }
    await Promise.all(clients);
    log(`batch ended after ${((Date.now() - began) / 1000).toFixed(1)} s; checking`);

    const connection = await Connection.connect({ address: temporal.address });
    let checks: ChaosChecks;
    try {
      checks = await checkChaosRun({
        board,
        exchanges: http.exchanges,
        faults,
        listExecutions: async () => {
          const executions: Array<{ workflowId: string; status: string }> = [];
          const query = `WorkflowType = '${reviewWorkflowType}'`;
          for await (const e of new Client({ connection }).workflow.list({ query }))
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
    const dead = (['api', 'workerCpu', 'workerGpu'] as const).filter((app) => !apps.alive(app));
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
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (err) {
        log(`cleanup failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  result.totalMs = Date.now() - startedAt;
  log(`stopped everything; ${(result.totalMs / 1000).toFixed(1)} s in all`);
  return result;
}
