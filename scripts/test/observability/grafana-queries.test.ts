import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grafanaQueries } from './support/grafana-queries.js';

const to = Date.UTC(2026, 0, 1, 12, 0, 7);
const panel = (targets: object[], extra: object = {}) => ({
  title: 'p',
  gridPos: { w: 12 },
  targets,
  ...extra,
});
const dashboardOf = (...panels: object[]) => ({
  panels,
  templating: {
    list: [
      { name: 'datasource', type: 'datasource', query: 'prometheus', current: {} },
      { name: 'queue', type: 'custom', current: { value: 'reviewflow-gpu' } },
    ],
  },
});

describe('grafanaQueries', () => {
  it("substitutes Grafana's interval variables as its Prometheus data source does", () => {
    const expr =
      'rate(x[$__rate_interval]) / ($__rate_interval_ms / 1000) + increase(x[$__range]) + $__range_s + $__interval_ms + y{q="$queue"}[$__interval]';
    // 1 h over a 12-column panel (900 points) is 4 s, rounded to 5 s; the scrape interval is the floor.
    const [q5] = grafanaQueries(dashboardOf(panel([{ refId: 'A', expr }])), {
      fromMs: to - 3_600_000,
      toMs: to,
      scrapeIntervalSeconds: 5,
    });
    assert.equal(
      q5!.promql,
      'rate(x[20s]) / (20000 / 1000) + increase(x[3600s]) + 3600 + 5000 + y{q="reviewflow-gpu"}[5s]',
    );
    assert.equal(q5!.kind, 'query_range');
    assert.equal(q5!.params.step, '5');
    assert.equal(Number(q5!.params.start) % 5, 0, 'aligned to the step');
    // Grafana's default 15 s scrape interval: $__rate_interval = max(15 + 15, 4 x 15).
    const [q15] = grafanaQueries(dashboardOf(panel([{ refId: 'A', expr: 'rate(x[$__rate_interval])' }])), {
      fromMs: to - 3_600_000,
      toMs: to,
      scrapeIntervalSeconds: 15,
    });
    assert.equal(q15!.promql, 'rate(x[60s])');
    // A day: 96 s per point, rounded to 2 m, plus the scrape interval.
    const [day] = grafanaQueries(dashboardOf(panel([{ refId: 'A', expr: 'rate(x[$__rate_interval])' }])), {
      fromMs: to - 86_400_000,
      toMs: to,
      scrapeIntervalSeconds: 15,
    });
    assert.equal(day!.promql, 'rate(x[135s])');
    assert.equal(day!.params.step, '120');
  });

  it('sends instant targets as instant queries, leaves hidden ones out and refuses unknown variables', () => {
    const queries = grafanaQueries(
      dashboardOf(
        panel([
          { refId: 'A', expr: 'up', instant: true },
          { refId: 'B', expr: 'up', hide: true },
          { refId: 'C', expr: 'up', instant: true, range: true },
        ]),
        { panels: [panel([{ refId: 'D', expr: 'up' }], { title: 'nested' })] },
      ),
      { fromMs: to - 3_600_000, toMs: to, scrapeIntervalSeconds: 5 },
    );
    assert.deepEqual(
      queries.map((q) => `${q.panel}/${q.refId}/${q.kind}`),
      ['p/A/query', 'p/C/query', 'p/C/query_range', 'nested/D/query_range'],
    );
    assert.throws(
      () =>
        grafanaQueries(dashboardOf(panel([{ refId: 'A', expr: 'x{a="$nope"}' }])), {
          fromMs: to - 3_600_000,
          toMs: to,
          scrapeIntervalSeconds: 5,
        }),
      /unknown variable/,
    );
  });
});
