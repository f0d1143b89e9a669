/**
 * `npm run bench:throughput [-- --rounds 5] [--reviews 40] [--callers 8] [--files 2]`: reviews
 * completed per second for a stream of small reviews with all three deployables on this machine
 * (`npm start` against a dev server of its own, on free ports), and where each review's time goes.
 *
 * Each round streams `--reviews` git reviews of `--files` small files through `POST /reviews` from
 * `--callers` clients, each starting its next review as soon as its last one closed (waited on with
 * a long poll on Temporal, not API queries). Per round: reviews/s, and from every review's history
 * its queue waits and run times (workflow tasks on worker-cpu, activities), the API's answer time
 * seen by the client, and the cores each process kept busy. Prints the median and range over the
 * rounds; writes bench-results/throughput/results.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findTemporalCli, startDevServer } from '@reviewflow/devkit';
import { Client, Connection } from '@temporalio/client';
import { apiClient } from '../api-client.js';
import { cpuSecondsOf } from '../cluster/cpu-seconds.js';
import { formatRoundFigure, roundFigure } from '../compare-in-rounds.js';
import { createCommitChain } from '../create-commit-chain.js';
import { SourcePool } from '../source-pool.js';
import { pidOf, StackEntry } from '../stack-processes.js';
import { startBenchStack } from '../start-bench-stack.js';
import { reviewTimeline, type ReviewTimeline } from './review-timeline.js';
import { runCleanups } from '../run-cleanups.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    reviews: { type: 'string', default: '40' },
    callers: { type: 'string', default: '8' },
    files: { type: 'string', default: '2' },
    out: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const perRound = Number(values.reviews);
const callers = Number(values.callers);
const files = Number(values.files);
const outDir = path.resolve(values.out ?? path.join(root, 'bench-results', 'throughput'));
const log = (message: string): void => console.error(`[bench:throughput] ${message}`);

interface Round {
  seconds: number;
  reviewsPerSecond: number;
  /** Means per review, milliseconds. */
  perReview: Record<keyof ReviewTimeline | 'apiAnswerMs' | 'endToEndMs', number>;
  /** Cores each process kept busy during the round. */
  cores: Record<string, number>;
}

const scratch = mkdtempSync(path.join(tmpdir(), 'reviewflow-bench-throughput-'));
const cleanups: Array<() => Promise<void> | void> = [() => rmSync(scratch, { recursive: true, force: true })];
try {
  const cli = await findTemporalCli({ projectRoot: root, log });
  if (cli.kind !== 'existing-path') throw new Error('the benchmark needs the Temporal CLI (npm test installs it)');
  const server = await startDevServer({ cli: cli.path });
  cleanups.push(() => server.stop());
  const connection = await Connection.connect({ address: server.address });
  cleanups.push(() => connection.close());
  const client = new Client({ connection });
  const chain = createCommitChain({ commits: (rounds + 1) * perRound + callers, filesPerCommit: files });
  cleanups.push(() => rmSync(chain.path, { recursive: true, force: true }));
  const pool = new SourcePool(chain.sources);
  const stack = await startBenchStack({
    root,
    temporalAddress: server.address,
    dataDir: path.join(scratch, 'data'),
    apiOwnSession: true,
  });
  cleanups.push(() => stack.stop());
  const call = apiClient(stack.api, stack.apiKey);
  const processes: Record<string, number> = {
    'Temporal dev server': server.pid,
    API: stack.apiPid,
    'worker-cpu': pidOf(StackEntry.workerCpu, stack.group),
    'worker-gpu': pidOf(StackEntry.workerGpu, stack.group),
  };

  const stream = async (
    count: number,
  ): Promise<{ seconds: number; ids: string[]; answerMs: number[]; e2eMs: number[] }> => {
    const ids: string[] = [];
    const answerMs: number[] = [];
    const e2eMs: number[] = [];
    let left = count;
    const began = performance.now();
    await Promise.all(
      Array.from({ length: callers }, async () => {
        while (left > 0) {
          left--;
          const sent = performance.now();
          const { path: repo, base, head } = pool.take();
          const started = await call('POST', '/reviews', { source: { kind: 'git', path: repo, base, head } }, [202]);
          answerMs.push(performance.now() - sent);
          const id = String(started.body.id);
          ids.push(id);
          await client.workflow.getHandle(id).result();
          e2eMs.push(performance.now() - sent);
        }
      }),
    );
    return { seconds: (performance.now() - began) / 1000, ids, answerMs, e2eMs };
  };

  log(`stack up; warm-up round of ${callers} reviews`);
  await stream(callers);
  const results: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    const cpuBefore = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuSecondsOf(pid)]));
    const run = await stream(perRound);
    const cores = Object.fromEntries(
      Object.entries(processes).map(([name, pid]) => [name, (cpuSecondsOf(pid) - cpuBefore[name]!) / run.seconds]),
    );
    const timelines = await Promise.all(
      run.ids.map(async (id) => reviewTimeline((await client.workflow.getHandle(id).fetchHistory()).events ?? [])),
    );
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const perReview = {
      apiAnswerMs: mean(run.answerMs),
      endToEndMs: mean(run.e2eMs),
      ...(Object.fromEntries(
        (Object.keys(timelines[0]!) as Array<keyof ReviewTimeline>).map((k) => [k, mean(timelines.map((t) => t[k]))]),
      ) as Record<keyof ReviewTimeline, number>),
    };
    const round: Round = { seconds: run.seconds, reviewsPerSecond: run.ids.length / run.seconds, perReview, cores };
    results.push(round);
    log(
      `round ${r + 1}: ${round.reviewsPerSecond.toFixed(2)} reviews/s, ${perReview.endToEndMs.toFixed(0)} ms end to end per review`,
    );
  }
  const table = summarise(results);
  console.log(table);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    path.join(outDir, 'results.json'),
    `${JSON.stringify({ startedAt: new Date().toISOString(), cpus: cpus().length, loadAverage: loadavg()[0], perRound, callers, files, rounds: results }, null, 2)}\n`,
  );
  writeFileSync(path.join(outDir, 'table.txt'), `${table}\n`);
} finally {
  await runCleanups(cleanups, log);
}

function summarise(results: Round[]): string {
  const line = (label: string, pick: (r: Round) => number, digits: number, unit = ''): string => {
    return `${label.padEnd(52)} ${formatRoundFigure(roundFigure(results.map(pick)), digits, unit)}`;
  };
  const p = (k: keyof Round['perReview']) => (r: Round) => r.perReview[k];
  return [
    `${callers} callers, ${perRound} reviews of ${files} files per round, median of ${results.length} rounds (range)`,
    line('reviews completed per second', (r) => r.reviewsPerSecond, 2),
    'per review, mean:',
    line('  end to end (POST sent → workflow closed), ms', p('endToEndMs'), 0),
    line('  API: POST /reviews answered, ms', p('apiAnswerMs'), 1),
    line('  Temporal: workflow start → close, ms', p('totalMs'), 0),
    line('  workflow tasks queued for worker-cpu, ms (sum)', p('workflowTaskQueueMs'), 0),
    line('  workflow tasks running on worker-cpu, ms (sum)', p('workflowTaskMs'), 0),
    line('  activities queued, ms (sum)', p('activityQueueMs'), 0),
    line('  activities running, ms (sum)', p('activityMs'), 0),
    line('  workflow tasks', (r) => r.perReview.workflowTasks, 1),
    line('  activities', (r) => r.perReview.activities, 1),
    `cores busy (of ${cpus().length}):`,
    ...Object.keys(results[0]?.cores ?? {}).map((name) => line(`  ${name}`, (r) => r.cores[name] ?? 0, 2)),
  ].join('\n');
}
