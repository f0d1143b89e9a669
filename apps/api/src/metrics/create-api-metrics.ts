import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { apiMetricSeries } from './api-metric-series.js';

/** Reviews not ended yet, by status, as `reviewflow_reviews_open` reports them. */
export type OpenReviewCounts = Readonly<Record<string, number>>;

/**
 * Every Prometheus series of the API, each created once from its definition in
 * {@link apiMetricSeries}, on a registry of its own so several apps in one process never clash.
 * The code that records a series is handed its instance from here.
 */
export interface ApiMetrics {
  /** Every series below and the process metrics: what /metrics serves. */
  registry: Registry;
  httpRequestDuration: Histogram<'route' | 'method' | 'status_code'>;
  reviewsStarted: Counter<'source_kind' | 'outcome'>;
  approvals: Counter<'decision'>;
  temporalCalls: Counter<'method'>;
  temporalErrors: Counter<'method' | 'code'>;
  reviewEventPollers: Gauge;
  reviewEventWatchers: Gauge;
  reviewEventPolls: Counter;
  /**
   * Says where `reviewflow_reviews_open` gets its numbers when Prometheus scrapes (buildApp asks
   * Temporal visibility, see countOpenReviews). The gauge is created with the others, before the
   * Temporal client whose connection counts into them exists, so its source comes later; until then
   * it has no series.
   */
  countOpenReviewsWith(count: () => Promise<OpenReviewCounts>): void;
}

/** Creates the registry with the process metrics and every series of {@link ApiMetrics} on it. */
export function createApiMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // These gauges end in `_total`, which Prometheus reserves for counters (`promtool check metrics`
  // rejects them); each is the sum of its by-type twin (`nodejs_active_handles{type}` and so on).
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
    registry.removeSingleMetric(name);
  }
  const registers = [registry];
  const series = apiMetricSeries;
  const httpRequestDuration = new Histogram({
    ...series.httpRequestDuration,
    labelNames: [...series.httpRequestDuration.labelNames],
    buckets: [...series.httpRequestDuration.buckets],
    registers,
  });
  const counter = <L extends string>(def: { name: string; help: string; labelNames: readonly L[] }) =>
    new Counter<L>({ ...def, labelNames: [...def.labelNames], registers });
  const reviewsStarted = counter(series.reviewsStarted);
  const approvals = counter(series.approvals);
  const temporalCalls = counter(series.temporalCalls);
  const temporalErrors = counter(series.temporalErrors);
  let countOpenReviews: (() => Promise<OpenReviewCounts>) | undefined;
  new Gauge({
    ...series.reviewsOpen,
    labelNames: [...series.reviewsOpen.labelNames],
    registers,
    async collect() {
      if (!countOpenReviews) return;
      try {
        const counts = await countOpenReviews();
        for (const [status, count] of Object.entries(counts)) this.set({ status }, count);
      } catch {
        // No stale numbers: the series go away until Temporal answers again, and the Temporal
        // client error counter says why.
        this.reset();
      }
    },
  });
  const reviewEventPollers = new Gauge({ ...series.reviewEventPollers, registers });
  const reviewEventWatchers = new Gauge({ ...series.reviewEventWatchers, registers });
  const reviewEventPolls = new Counter({ ...series.reviewEventPolls, registers });

  // Series start at 0: a counter series that first appears at 1 is never an increase to rate(), so
  // the first review or approval would be invisible to the alerts (the dashboard also counts a
  // series born inside its window from 0). Their label values are known up front: the source kinds
  // and decisions of the contract. (Each route's duration series start at 0 in the HTTP metrics
  // plugin, each Temporal method's calls with the interceptors that count them.)
  for (const source_kind of ['git', 'github']) {
    for (const outcome of ['created', 'existing']) reviewsStarted.inc({ source_kind, outcome }, 0);
  }
  for (const decision of ['approve', 'reject']) approvals.inc({ decision }, 0);

  return {
    registry,
    httpRequestDuration,
    reviewsStarted,
    approvals,
    temporalCalls,
    temporalErrors,
    reviewEventPollers,
    reviewEventWatchers,
    reviewEventPolls,
    countOpenReviewsWith(count) {
      countOpenReviews = count;
    },
  };
}
