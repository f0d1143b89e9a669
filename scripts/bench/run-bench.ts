/**
 * `npm run bench [-- --smoke] [--no-fault] [--out DIR]`: what reviewflow costs on top of Temporal,
 * and what it loses when workers crash, measured side by side in one run on its own Temporal dev
 * server and `npm start` stack (free ports, throwaway data). Figures are ratios against a reference
 * measured in the same run, because the machine is small and shared: compare, don't clock.
 *
 * Prints a table of figures and targets, writes results.json (raw numbers), table.txt and chart.svg
 * to bench-results/, and exits non-zero when a phase failed, not when a target was missed.
 * docs/benchmarks.md explains how to read it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTemporalCli, freePort, startDevServer, type DevServer } from '@reviewflow/devkit';
import { Client, Connection } from '@temporalio/client';
import { apiClient } from './api-client.js';
import { parseBenchOptions } from './bench-options.js';
import { figuresOf, type BenchReport } from './bench-report.js';
import { createCommitChain } from './create-commit-chain.js';
import { expectedReviewEvents, historyFigures } from './history-figures.js';
import { measureFanOut } from './measure-fan-out.js';
import { measureFault } from './measure-fault.js';
import { callsOfRounds } from './compare-in-rounds.js';
import { parkReviews } from './measure-gateway.js';
import { sdkReviewCalls } from './sdk-review-calls.js';
import { comparePeerApprovals, comparePeerReads, comparePeerStarts } from './measure-peer.js';
import { TemporalHttpApi } from './temporal-http-api.js';
import { measureMetricsOverhead } from './measure-metrics-overhead.js';
import { measureIdleGrowth, measureSoak } from './measure-worker-memory.js';
import { renderChartSvg } from './render-chart-svg.js';
import { renderTable } from './render-table.js';
import { sampleRss } from './rss-sampler.js';
import { SourcePool } from './source-pool.js';
import { StackWorkers } from './stack-workers.js';
import { startBenchStack, type BenchStack } from './start-bench-stack.js';
import { startReviewDirectly } from './start-review-directly.js';
import { ReviewQuery, waitForCount } from './wait-for-count.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Ends a `--peer-only` run after the peer comparisons, through the normal clean-up and report. */
/** Thrown after the phases `--peer-only` or `--fan-out-only` asked for, to skip the rest. */
class SelectedPhasesDone extends Error {}
const options = parseBenchOptions(process.argv.slice(2));
const counts = options.counts;
const outDir = resolve(options.out ?? join(root, 'bench-results'));
const log = (message: string): void => console.error(`[bench] ${message}`);
const began = Date.now();

const report: BenchReport = {
  meta: {
    startedAt: new Date().toISOString(),
    durationMs: 0,
    preset: options.preset,
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadAverage: { start: loadavg()[0]!, end: 0 },
  },
  gateway: {},
  peer: {},
  errors: [],
};

/** Runs one phase; a failure is recorded (and fails the run) but the other phases still run. */
async function phase<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
  const start = Date.now();
  log(`${name} ...`);
  try {
    const result = await fn();
    log(`${name}: done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    return result;
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    report.errors.push({ phase: name, message });
    log(`${name}: FAILED: ${message}`);
    return undefined;
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'reviewflow-bench-'));
const cleanups: Array<() => Promise<void> | void> = [() => rmSync(scratch, { recursive: true, force: true })];
let server: DevServer | undefined;
let stack: BenchStack | undefined;
let cleaning: Promise<void> | undefined;
const cleanUp = (): Promise<void> =>
  (cleaning ??= (async () => {
    await stack?.stop();
    for (const fn of cleanups.reverse()) await fn();
    await server?.stop();
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the stack and the Temporal server`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  const cli = await findTemporalCli({ projectRoot: root, log });
  if (cli.kind !== 'existing-path') throw new Error('the benchmark needs the Temporal CLI (see README, "Test it")');
  // The HTTP API on too: Temporal's own REST face is the peer the gateway is measured against.
  const httpPort = await freePort();
  server = await startDevServer({ cli: cli.path, httpPort });
  const peer = new TemporalHttpApi(`http://127.0.0.1:${httpPort}`);
  const connection = await Connection.connect({ address: server.address });
  cleanups.push(() => connection.close());
  const client = new Client({ connection });
  const workflowBundlePath = join(scratch, 'workflow-bundle.js');
  await phase('workflow bundle', async () => {
    const { writeWorkflowBundle } = await import('./write-workflow-bundle.js');
    await writeWorkflowBundle(workflowBundlePath);
  });

  // In-process workers first: the SDK runtime (with its metrics exporter) is installed once per
  // process, and no other worker may poll the review queues meanwhile.
  if (!options.peerOnly)
    report.fanOut = await phase('fan-out', () =>
      measureFanOut(client, { address: server!.address, workflowBundlePath, ...counts.fanOut }),
    );
  if (options.fanOutOnly) throw new SelectedPhasesDone();

  const gatewayStarts = callsOfRounds(counts.gateway.calls, counts.gateway.rounds);
  const gatewayApprovals = callsOfRounds(counts.gateway.approvalCalls, counts.gateway.rounds);
  const peerStarts = callsOfRounds(counts.peer.calls, counts.peer.rounds);
  const peerApprovals = callsOfRounds(counts.peer.approvalCalls, counts.peer.rounds);
  const reviewsNeeded =
    gatewayStarts +
    gatewayApprovals +
    4 * counts.metricsReviewsPerRound +
    Math.max(...counts.soak.targets) +
    peerStarts +
    peerApprovals +
    20;
  const chain = createCommitChain({ commits: reviewsNeeded });
  cleanups.push(() => rmSync(chain.path, { recursive: true, force: true }));
  const pool = new SourcePool(chain.sources);
  const dataDir = join(scratch, 'data');
  stack = await startBenchStack({
    root,
    temporalAddress: server.address,
    dataDir,
    env: { WORKFLOW_BUNDLE_PATH: workflowBundlePath },
    apiOwnSession: true,
  });
  const call = apiClient(stack.api, stack.apiKey);
  const workers = new StackWorkers(stack, root);

  await phase('warm-up', async () => {
    const source = pool.take();
    const started = await call('POST', '/reviews', { source: { ...source } }, [202]);
    const handle = client.workflow.getHandle(String(started.body.id));
    await handle.result();
    const history = await historyFigures(handle);
    report.gatewayReviewEvents = { events: history.events, expected: expectedReviewEvents(1) };
    await (await startReviewDirectly(client, { source: pool.take() })).result();
  });

  report.peer.starts = await phase('vs Temporal HTTP API: POST /reviews vs its start', () =>
    comparePeerStarts(call, peer, pool, counts.peer.calls, counts.peer.rounds),
  );
  const waiting = await phase('vs Temporal HTTP API: parking reviews at their approval gate', async () => {
    const ids = await parkReviews(client, pool, peerApprovals);
    // Behind the reviews the start comparison created: the running count moves while they drain.
    await waitForCount(client, ReviewQuery.awaitingApproval, (n) => n >= ids.length, 180_000, ReviewQuery.running);
    return ids;
  });
  if (waiting) {
    report.peer.reads = await phase('vs Temporal HTTP API: GET /reviews/:id vs its query', () =>
      comparePeerReads(call, peer, waiting, counts.peer.calls, counts.peer.rounds),
    );
    report.peer.approvals = await phase('vs Temporal HTTP API: POST /reviews/:id/approval vs its update', () =>
      comparePeerApprovals(call, peer, waiting, counts.peer.approvalCalls, counts.peer.rounds),
    );
  }
  if (options.peerOnly) throw new SelectedPhasesDone();

  const api = sampleRss(stack.apiPid);
  const sdk = sdkReviewCalls(client);
  report.gateway.starts = await phase('gateway: POST /reviews vs workflow.start', () =>
    comparePeerStarts(call, sdk, pool, counts.gateway.calls, counts.gateway.rounds),
  );
  const idle = await phase('memory: idle cached workflows', () =>
    measureIdleGrowth(client, pool, () => workers.cpu, gatewayApprovals),
  );
  if (idle) {
    const { ids, ...figures } = idle;
    report.idleGrowth = figures;
    report.gateway.reads = await phase('gateway: GET /reviews/:id vs query', () =>
      comparePeerReads(call, sdk, ids, counts.gateway.calls, counts.gateway.rounds),
    );
    report.gateway.approvals = await phase('gateway: POST /reviews/:id/approval vs update', () =>
      comparePeerApprovals(call, sdk, ids, counts.gateway.approvalCalls, counts.gateway.rounds),
    );
  }
  api.stop();
  report.apiPeakRssBytes = api.peakBytes;

  report.metricsOverhead = await phase('worker metrics on vs off', async () => {
    await waitForCount(client, ReviewQuery.running, (n) => n === 0, 180_000);
    return measureMetricsOverhead(client, pool, workers, counts.metricsReviewsPerRound);
  });
  report.soak = await phase('memory: worker-cpu as reviews complete', async () => {
    await workers.restart('cpu', { signal: 'SIGTERM' });
    return measureSoak(client, pool, () => workers.cpu, counts.soak);
  });
  if (counts.fault) {
    const fault = counts.fault;
    report.fault = await phase('faults: workers killed mid-review', async () => {
      const faultChain = createCommitChain({ commits: fault.reviews, filesPerCommit: fault.filesPerReview });
      cleanups.push(() => rmSync(faultChain.path, { recursive: true, force: true }));
      return measureFault(call, new SourcePool(faultChain.sources), workers, {
        reviews: fault.reviews,
        kills: fault.kills,
        killEveryMs: fault.killEveryMs,
        dataDir,
        timeoutMs: 300_000,
      });
    });
  }
} catch (err) {
  if (!(err instanceof SelectedPhasesDone)) {
    report.errors.push({ phase: 'setup', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    log(`setup FAILED: ${String(err)}`);
  }
} finally {
  await cleanUp();
}

report.meta.durationMs = Date.now() - began;
report.meta.loadAverage.end = loadavg()[0]!;
const figures = figuresOf(report);
const table = renderTable(figures);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'results.json'), `${JSON.stringify({ ...report, figures }, null, 2)}\n`);
writeFileSync(join(outDir, 'table.txt'), `${table}\n`);
writeFileSync(
  join(outDir, 'chart.svg'),
  renderChartSvg(figures, `reviewflow bench (${options.preset}), ${report.meta.startedAt}, ${report.meta.cpus} CPUs`),
);
console.log(table);
const missed = figures.filter((f) => f.met === false).length;
console.log(
  `\n${figures.length} figures, ${missed} target${missed === 1 ? '' : 's'} missed, ` +
    `${report.errors.length} failed phase${report.errors.length === 1 ? '' : 's'}; ` +
    `${(report.meta.durationMs / 1000).toFixed(0)} s, load average ${report.meta.loadAverage.start.toFixed(1)} -> ` +
    `${report.meta.loadAverage.end.toFixed(1)}; results in ${outDir}`,
);
for (const e of report.errors) console.log(`FAILED ${e.phase}: ${e.message.split('\n')[0]}`);
process.exit(report.errors.length > 0 ? 1 : 0);
