import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { findProjectRoot } from '@reviewflow/devkit';
import { findPrometheusTool } from '../../observability/find-prometheus-tool.js';
import { grafanaQueries } from './support/grafana-queries.js';

// The dashboard's rule for series that appear at their first increment, on synthetic series in
// promtool's unit-test engine (real PromQL, no waiting): a series born inside the rate window counts
// from 0, but only on a target Prometheus already scraped a window earlier, so a Prometheus that
// starts next to a long-running process shows no spike of its old totals. Scrape interval 5 s, as
// locally: $__rate_interval is 20 s.

type Json = Record<string, any>;
const root = findProjectRoot();
const dashboard = JSON.parse(
  readFileSync(path.join(root, 'helm/reviewflow/files/grafana-dashboard.json'), 'utf8'),
) as Json;

/** The PromQL Grafana sends for a panel's target at a 5 s scrape interval. */
function promqlOf(panel: string, refId: string): string {
  const query = grafanaQueries(dashboard, { fromMs: 0, toMs: 3_600_000, scrapeIntervalSeconds: 5 }).find(
    (q) => q.panel === panel && q.refId === refId,
  );
  assert.ok(query, `${panel} [${refId}]`);
  return query.promql;
}

const started = promqlOf('Review workflows started, completed, failed, cancelled (per minute)', 'A');
const latency = promqlOf('Activity execution latency (p95) by activity type', 'A');
const worker = 'job="reviewflow-worker-cpu", instance="127.0.0.1:9464"';
const startedSeries = `reviewflow_review_workflows_started_total{${worker}, namespace="default", task_queue="reviewflow-cpu", workflow_type="reviewPullRequest"}`;
const bucket = (le: string) =>
  `temporal_activity_execution_latency_seconds_bucket{${worker}, activity_type="reviewChunk", le="${le}"}`;

const tests = {
  rule_files: [],
  evaluation_interval: '5s',
  tests: [
    {
      // The worker is scraped from 0 s; the first review starts at 60 s.
      interval: '5s',
      input_series: [
        { series: `up{${worker}}`, values: '1x40' },
        { series: startedSeries, values: '_x12 1x28' },
        { series: bucket('0.1'), values: '_x12 0x28' },
        { series: bucket('1'), values: '_x12 1x28' },
        { series: bucket('+Inf'), values: '_x12 1x28' },
      ],
      promql_expr_test: [
        // One start in a 20 s window: 3 per minute, as if the counter had been at 0 before.
        { expr: started, eval_time: '70s', exp_samples: [{ labels: '{}', value: 3 }] },
        // A window later nothing new has started.
        { expr: started, eval_time: '90s', exp_samples: [{ labels: '{}', value: 0 }] },
        // One observation between 0.1 s and 1 s: p95 interpolates inside that bucket.
        {
          expr: latency,
          eval_time: '70s',
          exp_samples: [{ labels: '{activity_type="reviewChunk"}', value: 0.955 }],
        },
      ],
    },
    {
      // Prometheus starts at 0 s next to a worker that has run 50 reviews: no spike of 150/min.
      interval: '5s',
      input_series: [
        { series: `up{${worker}}`, values: '1x10' },
        { series: startedSeries, values: '50x10' },
      ],
      promql_expr_test: [{ expr: started, eval_time: '10s', exp_samples: [{ labels: '{}', value: 0 }] }],
    },
  ],
};

describe("the dashboard's rate of series born inside the window", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'reviewflow-dashboard-promql-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('counts a first review at once, and no old totals when Prometheus starts (promtool test rules)', () => {
    const file = path.join(dir, 'dashboard.test.yaml');
    writeFileSync(file, JSON.stringify(tests, null, 2)); // JSON is YAML
    const result = spawnSync(findPrometheusTool('promtool'), ['test', 'rules', file], { encoding: 'utf8' });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    assert.match(result.stdout, /SUCCESS/);
  });
});
