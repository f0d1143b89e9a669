/**
 * Every Prometheus series the API exports, defined in one place: names, help texts, labels and
 * buckets. createApiMetrics creates each metric from its definition here and hands it to the code
 * that records it, so a dashboard, an alert rule or a test can find every name in this file.
 */
export const apiMetricSeries = {
  httpRequestDuration: {
    name: 'reviewflow_http_request_duration_seconds',
    help: 'HTTP request duration by route template, method and status code',
    labelNames: ['route', 'method', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  },
  reviewsStarted: {
    name: 'reviewflow_reviews_started_total',
    help: 'POST /reviews calls by source kind and outcome (created or existing)',
    labelNames: ['source_kind', 'outcome'] as const,
  },
  approvals: {
    name: 'reviewflow_approvals_total',
    help: 'Approval decisions a review accepted, by decision (approve or reject)',
    labelNames: ['decision'] as const,
  },
  temporalCalls: {
    name: 'reviewflow_temporal_client_calls_total',
    help: 'Calls from the API to Temporal by gRPC method, each counted once whatever the retries',
    labelNames: ['method'] as const,
  },
  temporalErrors: {
    name: 'reviewflow_temporal_client_errors_total',
    help: 'Calls from the API to Temporal that failed, by gRPC method and status code',
    labelNames: ['method', 'code'] as const,
  },
  reviewsOpen: {
    name: 'reviewflow_reviews_open',
    help: 'Reviews not ended yet, by status (queued, running, awaiting_approval), from Temporal visibility',
    labelNames: ['status'] as const,
  },
  reviewEventPollers: {
    name: 'reviewflow_review_event_pollers',
    help: 'Reviews whose progress this API process polls for event streams (one poller per review)',
  },
  reviewEventWatchers: {
    name: 'reviewflow_review_event_watchers',
    help: 'Open GET /reviews/:id/events streams',
  },
  reviewEventPolls: {
    name: 'reviewflow_review_event_polls_total',
    help: 'Loads of a review (describe + progress query) made for event streams',
  },
} as const;
