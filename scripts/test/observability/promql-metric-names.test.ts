import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { promqlMetricNames } from './support/promql-metric-names.js';

describe('promqlMetricNames', () => {
  it('finds the selected metrics, not functions, labels, keywords, numbers or variables', () => {
    assert.deepEqual(
      promqlMetricNames(
        'histogram_quantile(0.95, sum by (task_queue, le) (rate(temporal_activity_schedule_to_start_latency_seconds_bucket{task_queue=~"a|b"}[$__rate_interval]))) > 5',
      ),
      ['temporal_activity_schedule_to_start_latency_seconds_bucket'],
    );
    assert.deepEqual(
      promqlMetricNames(
        '(sum(rate(x_total{code="5xx", route!~"/healthz"}[5m])) or vector(0)) / on (job) group_left (instance) sum(y) without (a) > bool 1e3 unless up offset 5m',
      ),
      ['up', 'x_total', 'y'],
    );
    assert.deepEqual(promqlMetricNames('max(reviewflow_reviews_open{status="awaiting_approval"}) and sumx'), [
      'reviewflow_reviews_open',
      'sumx',
    ]);
    assert.deepEqual(promqlMetricNames('clamp_min(0.2 * sum(increase(a:recorded:rate5m[1h])), 5)'), [
      'a:recorded:rate5m',
    ]);
  });
});
