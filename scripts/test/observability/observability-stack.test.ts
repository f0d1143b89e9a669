import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  addCommit,
  createPlantedRepo,
  findProjectRoot,
  findTemporalCli,
  freePort,
  startDevServer,
  type DevServer,
} from '@reviewflow/devkit';
import { reviewWorkflowType, TaskQueue } from '@reviewflow/contract';
import { Client, Connection } from '@temporalio/client';
import { parse as parseYaml } from 'yaml';
import { findPrometheusTool } from '../../observability/find-prometheus-tool.js';
import { dashboardPanels, grafanaQueries } from './support/grafana-queries.js';
import { promqlMetricNames } from './support/promql-metric-names.js';
import { startAppProcess, type AppProcess } from './support/start-app-process.js';
import { startPrometheus, type RunningPrometheus } from './support/start-prometheus.js';

// The whole stack as `npm start` runs it (a Temporal dev server, the API and both workers, each its
// own process), scraped by a real Prometheus at the interval of scripts/observability/prometheus.yml
// (the README's) that also loads the alert rules. After exactly ONE review on the fresh stack, every
// target of every dashboard panel, queried as Grafana queries it, must return data: that is what a
// person sees after `npm start` and a first review. Then more reviews (approved, cancelled, failed)
// check the counters, the alert rules and the logs.

const root = findProjectRoot();
const dashboardFile = path.join(root, 'helm/reviewflow/files/grafana-dashboard.json');
const rulesFile = path.join(root, 'helm/reviewflow/files/prometheus-rules.yaml');
const localPrometheusConfig = path.join(root, 'scripts/observability/prometheus.yml');
const apiKey = 'observability-test-key-0123456789';
type Json = Record<string, any>;

interface DashboardTarget {
  panel: string;
  expr: string;
}

const dashboard = (): Json => JSON.parse(readFileSync(dashboardFile, 'utf8')) as Json;

/** Every query of every panel of the dashboard, rows' nested panels included. */
function dashboardTargets(): DashboardTarget[] {
  return dashboardPanels(dashboard()).flatMap((p) =>
    ((p.targets as Json[] | undefined) ?? []).map((t) => ({ panel: p.title as string, expr: t.expr as string })),
  );
}

/** The scrape interval, in seconds, that the README's Prometheus configuration uses. */
function readmeScrapeIntervalSeconds(): number {
  const config = parseYaml(readFileSync(localPrometheusConfig, 'utf8')) as Json;
  const match = /^(\d+)s$/.exec(config.global.scrape_interval as string);
  assert.ok(match, `scrape_interval in seconds: ${config.global.scrape_interval as string}`);
  return Number(match[1]);
}

// Panels that rightly stay at 0 after one clean review: no request failed, nothing is open any
// more, and the offline reviewer uses no tokens. Every other time series panel must show the review.
const mayStayZero = new Set(['API error ratio', 'Open reviews by status', 'Reviewer tokens (per minute)']);

describe('observability of the whole stack, checked by a real Prometheus', { timeout: 600_000 }, () => {
  let server: DevServer | undefined;
  let prometheus: RunningPrometheus | undefined;
  let connection: Connection | undefined;
  let client: Client;
  const apps: AppProcess[] = [];
  const ports = { api: 0, cpu: 0, gpu: 0 };
  let dataDir: string | undefined;
  let repo: string | undefined;
  const scrapeSeconds = readmeScrapeIntervalSeconds();
  const ids: Record<'completed' | 'approved' | 'cancelled' | 'failed', string[]> = {
    completed: [],
    approved: [],
    cancelled: [],
    failed: [],
  };

  const api = async (method: 'GET' | 'POST', url: string, body?: object): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`http://127.0.0.1:${ports.api}${url}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const query = async (expr: string): Promise<Json> => {
    const res = await fetch(`${prometheus!.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    return (await res.json()) as Json;
  };
  /** The numbers of an instant query's result (vector or scalar). */
  const values = (answer: Json): number[] => {
    if (answer.data?.resultType === 'scalar') return [Number(answer.data.result[1])];
    return ((answer.data?.result as Json[] | undefined) ?? []).map((r) => Number(r.value[1]));
  };
  const single = async (expr: string): Promise<number | undefined> => values(await query(expr))[0];
  const eventually = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const value = await probe();
        if (value !== undefined) return value;
      } catch {
        // Not there yet (a process still starting).
      }
      if (Date.now() > deadline) {
        const tails = apps.map((a) => `--- ${a.name}\n${a.lines.slice(-15).join('\n')}`).join('\n');
        assert.fail(`timed out waiting for ${what}\n${tails}`);
      }
      await sleep(250);
    }
  };
  const reviewReaches = (id: string, statuses: string[]): Promise<Json> =>
    eventually(`review ${id} to reach ${statuses.join('/')}`, async () => {
      const { body } = await api('GET', `/reviews/${encodeURIComponent(id)}`);
      return statuses.includes(body.status) ? body : undefined;
    });
  const startReview = async (body: object): Promise<string> => {
    const res = await api('POST', '/reviews', body);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    return res.body.id as string;
  };
  // Reviews that fail for good: the worker cannot read the repository. The API would refuse such a
  // source up front, so these go to Temporal directly.
  const startFailingReview = async (n: number): Promise<void> => {
    const workflowId = `review:observability-failure-${n}`;
    const handle = await client.workflow.start(reviewWorkflowType, {
      taskQueue: TaskQueue.cpu,
      workflowId,
      args: [
        {
          source: { kind: 'git', path: path.join(dataDir!, 'not-a-repo'), base: '0'.repeat(40), head: '1'.repeat(40) },
        },
      ],
    });
    await assert.rejects(handle.result());
    ids.failed.push(workflowId);
  };

  before(async () => {
    // Fail at once, with how to fix it, when a real part is missing.
    const prometheusBinary = findPrometheusTool('prometheus');
    findPrometheusTool('promtool');
    const cli = await findTemporalCli({ projectRoot: root });
    if (cli.kind !== 'existing-path') throw new Error('this test needs the Temporal CLI (see README: Test it)');

    server = await startDevServer({ cli: cli.path });
    dataDir = mkdtempSync(path.join(tmpdir(), 'reviewflow-observability-'));
    ports.api = await freePort();
    ports.cpu = await freePort();
    ports.gpu = await freePort();
    // Prometheus first, as `npm run prometheus` next to `npm start`: it scrapes the processes as
    // they come up.
    prometheus = await startPrometheus({
      binary: prometheusBinary,
      targets: [
        { job: 'reviewflow-api', address: `127.0.0.1:${ports.api}` },
        { job: 'reviewflow-worker-cpu', address: `127.0.0.1:${ports.cpu}` },
        { job: 'reviewflow-worker-gpu', address: `127.0.0.1:${ports.gpu}` },
      ],
      ruleFiles: [rulesFile],
      intervalSeconds: scrapeSeconds,
    });
    const common = { TEMPORAL_ADDRESS: server.address, REVIEWFLOW_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    apps.push(
      startAppProcess('api', 'apps/api/src/server.ts', {
        ...common,
        HOST: '127.0.0.1',
        PORT: String(ports.api),
        REVIEWFLOW_API_KEYS: apiKey,
      }),
      startAppProcess('worker-cpu', 'apps/worker-cpu/src/main.ts', {
        ...common,
        METRICS_HOST: '127.0.0.1',
        METRICS_PORT: String(ports.cpu),
      }),
      startAppProcess('worker-gpu', 'apps/worker-gpu/src/main.ts', {
        ...common,
        METRICS_HOST: '127.0.0.1',
        METRICS_PORT: String(ports.gpu),
      }),
    );
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection });
    repo = createPlantedRepo();
    // Three processes compile their TypeScript at once on two cores, next to other test files.
    await eventually(
      'the API to be ready',
      async () => ((await fetch(`http://127.0.0.1:${ports.api}/readyz`)).ok ? true : undefined),
      180_000,
    );
    await eventually('Prometheus to scrape all three processes', async () =>
      (await single('sum(up{job=~"reviewflow-.*"})')) === 3 ? true : undefined,
    );
    // The dashboard counts a series born inside its rate window from 0 only on a target Prometheus
    // already scraped a window earlier (so a Prometheus that just started shows no spike of old
    // totals). The window at the README's interval is 4 scrapes ($__rate_interval).
    await eventually('Prometheus to have scraped every process for a rate window', async () =>
      (await single(`count(up{job=~"reviewflow-.*"} offset ${4 * scrapeSeconds}s)`)) === 3 ? true : undefined,
    );
  });

  after(async () => {
    await Promise.allSettled(apps.map((a) => a.stop()));
    await connection?.close();
    await prometheus?.stop();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  /** Waits until Prometheus has scraped `expr` at `value`, then for two more scrapes. */
  const prometheusSees = async (what: string, expr: string, value: number): Promise<void> => {
    await eventually(what, async () => ((await single(expr)) === value ? true : undefined));
    await sleep(2 * scrapeSeconds * 1000 + 500);
  };
  const reviewsEnded = (n: number): Promise<void> =>
    prometheusSees(
      `Prometheus to see ${n} ended reviews`,
      'sum(temporal_workflow_completed_total{workflow_type="reviewPullRequest"}) + (sum(temporal_workflow_failed_total{workflow_type="reviewPullRequest"}) or vector(0)) + (sum(temporal_workflow_canceled_total{workflow_type="reviewPullRequest"}) or vector(0))',
      n,
    );

  it('runs one review on the fresh stack', async () => {
    const plain = await startReview({ source: { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' } });
    assert.equal((await reviewReaches(plain, ['completed', 'failed'])).status, 'completed');
    ids.completed.push(plain);
    await reviewsEnded(1);
  });

  it('after that one review, answers every target of every dashboard panel with data, queried as Grafana does', async () => {
    const toMs = Date.now();
    const queries = grafanaQueries(dashboard(), {
      fromMs: toMs - 3_600_000, // the dashboard's default range, now-1h
      toMs,
      // The data source scripts/observability/grafana provisions has the scrape interval as its
      // "Scrape interval", which is what $__rate_interval is made of.
      scrapeIntervalSeconds: scrapeSeconds,
    });
    assert.ok(queries.length >= 30, `${queries.length} queries`);
    const empty: string[] = [];
    const maxByPanel = new Map<string, number>();
    for (const q of queries) {
      const res = await fetch(`${prometheus!.url}/api/v1/${q.kind}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(q.params),
      });
      const answer = (await res.json()) as Json;
      if (answer.status !== 'success') {
        empty.push(`${q.panel} [${q.refId}]: ${answer.error as string} in ${q.promql}`);
        continue;
      }
      const numbers =
        answer.data.resultType === 'matrix'
          ? (answer.data.result as Json[]).flatMap((r) => (r.values as [number, string][]).map((v) => Number(v[1])))
          : values(answer);
      const finite = numbers.filter(Number.isFinite);
      if (finite.length === 0) empty.push(`${q.panel} [${q.refId}]: no data for ${q.promql}`);
      maxByPanel.set(q.panel, Math.max(maxByPanel.get(q.panel) ?? 0, ...finite));
    }
    const flat = dashboardPanels(dashboard())
      .filter((p) => p.type === 'timeseries' && !mayStayZero.has(p.title as string))
      .map((p) => p.title as string)
      .filter((title) => !((maxByPanel.get(title) ?? 0) > 0));
    // Both lists at once, so one run names every panel that needs work.
    assert.deepEqual(
      { empty, flat },
      { empty: [], flat: [] },
      'targets without data, and time series panels that never leave 0 although a review ran',
    );
  });

  it('runs approved, cancelled and failed reviews', async () => {
    await startFailingReview(1);

    addCommit(repo!, { 'src/debug.py': 'print("debugging")\n' });
    const gated = await startReview({
      source: { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' },
      approval: { required: true },
    });
    await reviewReaches(gated, ['awaiting_approval']);
    await eventually('Prometheus to see the review awaiting approval', async () =>
      ((await single('max(reviewflow_reviews_open{status="awaiting_approval"})')) ?? 0) >= 1 ? true : undefined,
    );
    assert.equal((await api('POST', `/reviews/${gated}/approval`, { decision: 'approve' })).status, 200);
    assert.equal((await reviewReaches(gated, ['completed', 'failed'])).status, 'completed');
    ids.approved.push(gated);

    addCommit(repo!, { 'src/later.js': 'export const later = true; // TODO: remove\n' });
    const abandoned = await startReview({
      source: { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' },
      approval: { required: true },
    });
    await reviewReaches(abandoned, ['awaiting_approval']);
    assert.equal((await api('POST', `/reviews/${abandoned}/cancel`)).status, 202);
    await reviewReaches(abandoned, ['cancelled']);
    ids.cancelled.push(abandoned);

    addCommit(repo!, { 'src/keys.js': 'export const awsAccessKeyId = "AKIAJ3V8QW2NX5LP7RT5";\n' });
    const another = await startReview({ source: { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' } });
    assert.equal((await reviewReaches(another, ['completed', 'failed'])).status, 'completed');
    ids.completed.push(another);

    assert.equal((await api('GET', '/reviews/review:git:no-such-review')).status, 404);
    await startFailingReview(2);

    // Every counter must have moved in Prometheus before the checks below read it.
    await reviewsEnded(6);
  });

  it('exports every metric that a dashboard panel or an alert rule uses', async () => {
    const rules = (await (await fetch(`${prometheus!.url}/api/v1/rules`)).json()) as Json;
    const ruleQueries = (rules.data.groups as Json[]).flatMap((g) => (g.rules as Json[]).map((r) => r.query as string));
    const wanted = new Set([...dashboardTargets().map((t) => t.expr), ...ruleQueries].flatMap(promqlMetricNames));
    assert.ok(wanted.size >= 20, `only ${wanted.size} metric names found: ${[...wanted].join(', ')}`);
    const present = new Set(
      ((await (await fetch(`${prometheus!.url}/api/v1/label/__name__/values`)).json()) as Json).data as string[],
    );
    const missing = [...wanted].filter((name) => !present.has(name));
    assert.deepEqual(missing, [], `metrics used by the dashboard or the alerts that no process exports`);
  });

  it('loads and evaluates every alert rule without error', async () => {
    const declared = [...readFileSync(rulesFile, 'utf8').matchAll(/^\s*- alert: (\w+)$/gm)].map((m) => m[1]);
    const rules = await eventually('every rule to be evaluated', async () => {
      const answer = (await (await fetch(`${prometheus!.url}/api/v1/rules`)).json()) as Json;
      const all = (answer.data.groups as Json[]).flatMap((g) => g.rules as Json[]);
      return all.every((r) => r.lastEvaluation && !r.lastEvaluation.startsWith('0001')) ? all : undefined;
    });
    assert.deepEqual(rules.map((r) => r.name).sort(), [...declared].sort());
    for (const rule of rules) {
      assert.equal(rule.health, 'ok', `${rule.name as string}: ${rule.lastError as string}`);
      const answer = await query(rule.query as string);
      assert.equal(answer.status, 'success', `${rule.name as string}: ${answer.error as string}`);
    }
  });

  it('counts the reviews, their steps and their results', async () => {
    const sum = (expr: string) => single(`sum(${expr})`);
    assert.equal(await sum('reviewflow_review_workflows_started_total'), 6);
    assert.equal(await sum('temporal_workflow_completed_total{workflow_type="reviewPullRequest"}'), 3);
    assert.equal(await sum('temporal_workflow_failed_total{workflow_type="reviewPullRequest"}'), 2);
    assert.equal(await sum('temporal_workflow_canceled_total{workflow_type="reviewPullRequest"}'), 1);
    assert.equal(await sum('reviewflow_review_duration_seconds_count'), 3);
    assert.equal(await sum('reviewflow_review_history_length_count'), 3);
    assert.ok(((await sum('reviewflow_review_history_length_sum')) ?? 0) >= 3 * 10, 'a review has dozens of events');
    assert.ok(((await sum('reviewflow_review_history_size_bytes_sum')) ?? 0) > 3 * 1024);
    assert.ok(((await sum('reviewflow_chunks_embedded_total')) ?? 0) >= 4);
    assert.ok(((await sum('reviewflow_findings_total{severity=~"high|critical"}')) ?? 0) >= 2, 'the planted keys');
    assert.equal(await single('count(reviewflow_findings_total)'), 5, 'every severity has a series');
    assert.equal(await sum('reviewflow_reviewer_tokens_total'), 0, 'the offline reviewer uses no tokens');
    assert.equal(await single('count(reviewflow_reviewer_tokens_total)'), 2, 'input and output');
    assert.equal(await sum('reviewflow_approvals_total{decision="approve"}'), 1);
    assert.equal(await single('max_over_time(max(reviewflow_reviews_open{status="awaiting_approval"})[10m:1s])'), 1);
    assert.ok(((await sum('reviewflow_reviews_started_total{source_kind="git",outcome="created"}')) ?? 0) >= 4);
    assert.ok(((await sum('reviewflow_temporal_client_errors_total{code="NOT_FOUND"}')) ?? 0) >= 1);
    assert.ok(((await sum('reviewflow_temporal_client_calls_total{method="UpdateWorkflowExecution"}')) ?? 0) >= 1);
    assert.ok(
      ((await sum('reviewflow_http_request_duration_seconds_count{route="/reviews/:id/approval"}')) ?? 0) >= 1,
      'requests are labelled by route template',
    );
    // The worker's finer buckets replace the SDK's 1 s / 5 s / 10 s steps.
    assert.ok(
      ((await single('count(temporal_activity_schedule_to_start_latency_seconds_bucket{le="2.5"})')) ?? 0) >= 2,
    );
    assert.ok(
      ((await single('count(temporal_workflow_task_schedule_to_start_latency_seconds_bucket{le="0.25"})')) ?? 0) >= 1,
    );
  });

  it('serves /metrics in a form promtool check metrics accepts, from all three processes', async () => {
    const promtool = findPrometheusTool('promtool');
    for (const [name, port] of Object.entries(ports)) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const result = spawnSync(promtool, ['check', 'metrics'], { input: text, encoding: 'utf8' });
      assert.equal(result.status, 0, `${name}: ${result.stdout}${result.stderr}`);
    }
  });

  it('logs every line about a review with its review id and workflow id', () => {
    const jsonLines = (app: AppProcess): Json[] =>
      app.lines.flatMap((line) => {
        try {
          const parsed = JSON.parse(line) as unknown;
          return parsed && typeof parsed === 'object' ? [parsed as Json] : [];
        } catch {
          return [];
        }
      });
    const [apiApp, cpuApp, gpuApp] = apps as [AppProcess, AppProcess, AppProcess];
    const reviewIds = new Set(Object.values(ids).flat());

    // Workers: every line that names a review workflow also carries the review id.
    const workerLines = [...jsonLines(cpuApp), ...jsonLines(gpuApp)];
    const aboutReviews = workerLines.filter((l) => reviewIds.has(l.workflowId));
    assert.ok(aboutReviews.length > 0, 'the workers log about reviews');
    for (const line of aboutReviews) assert.equal(line.reviewId, line.workflowId, JSON.stringify(line));
    for (const id of [...ids.completed, ...ids.approved]) {
      for (const msg of ['review started', 'review finished']) {
        assert.ok(
          workerLines.some((l) => l.msg === msg && l.reviewId === id && l.workflowId === id),
          `worker-cpu logs "${msg}" for ${id}`,
        );
      }
    }
    for (const id of ids.failed) {
      assert.ok(
        workerLines.some((l) => l.reviewId === id && l.level >= 40),
        `the failure of ${id} is logged with its review id`,
      );
    }
    assert.ok(!workerLines.some((l) => typeof l.workflowId === 'string' && reviewIds.has(l.workflowId) && !l.reviewId));

    // API: lines of requests about a review carry both ids next to the request id.
    const apiLines = jsonLines(apiApp);
    const approval = apiLines.find((l) => l.msg === 'approval recorded');
    assert.ok(approval, 'the API logs the approval');
    assert.deepEqual([approval.reviewId, approval.workflowId], [ids.approved[0], ids.approved[0]]);
    assert.ok(approval.reqId);
    const started = apiLines.filter((l) => l.msg === 'review started');
    assert.ok(started.length >= 4 && started.every((l) => l.reviewId && l.workflowId === l.reviewId && l.reqId));
    const completedAboutReview = apiLines.filter(
      (l) => l.msg === 'request completed' && typeof l.reviewId === 'string' && reviewIds.has(l.reviewId),
    );
    assert.ok(
      completedAboutReview.length > 0 && completedAboutReview.every((l) => l.workflowId === l.reviewId && l.reqId),
    );
  });
});
