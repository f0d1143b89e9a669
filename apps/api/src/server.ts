import { Client, Connection } from '@temporalio/client';
import { dataConverterOf, temporalConnectionOptions } from '@reviewflow/config';
import { pino } from 'pino';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { buildApp } from './app.js';
import { codecEndpointOf } from './codec/codec-endpoint-of.js';
import { apiKeysOf, loadApiConfig, oidcOf } from './config.js';
import { createTemporalCallMetrics } from './metrics/temporal-call-metrics.js';
import { createGitHubSourceResolver } from './sources/resolve-github-source.js';

const config = loadApiConfig();
const oidc = oidcOf(config);
const logger = pino({
  level: config.LOG_LEVEL,
  // Credentials must never reach the logs.
  redact: [
    'req.headers.authorization',
    'req.headers["authorization-extras"]',
    'req.headers.cookie',
    'req.headers["x-hub-signature-256"]',
  ],
});
const temporalCallMetrics = createTemporalCallMetrics();
const webhookSecret = config.GITHUB_WEBHOOK_SECRET_FILE
  ? readFileSync(config.GITHUB_WEBHOOK_SECRET_FILE, 'utf8').trim()
  : config.GITHUB_WEBHOOK_SECRET;
// Lazy: the API starts and answers /healthz while Temporal is still coming up; /readyz tells.
const connection = Connection.lazy({
  ...temporalConnectionOptions(config),
  interceptors: temporalCallMetrics.interceptors,
  // gRPC's reconnect backoff grows to 2 minutes: after a Temporal restart of ~10 s the channel's
  // next attempt came ~6 s after the server was back, and requests waited on it (chaos run: the
  // slowest answer 19 s for a 10 s restart, over 30 s on a loaded machine). Capped at 2 s the API
  // is back within 2 s of Temporal, for the price of one connect attempt per 2 s while it is down.
  channelArgs: { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 2_000 },
});
const dataConverter = dataConverterOf(config);
const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
const codecEndpoint = codecEndpointOf(config, dataConverter.payloadCodecs);
const app = await buildApp(
  {
    namespace: config.TEMPORAL_NAMESPACE,
    apiKeys: apiKeysOf(config),
    operationsAuth: {
      health: config.REVIEWFLOW_HEALTH_AUTH === 'api-key',
      metrics: config.REVIEWFLOW_METRICS_AUTH === 'api-key',
    },
    ...(oidc ? { oidc } : {}),
    ...(config.REVIEWFLOW_APPROVAL_LINK_SECRET
      ? {
          approvalLinks: {
            secret: config.REVIEWFLOW_APPROVAL_LINK_SECRET,
            ...(config.REVIEWFLOW_PUBLIC_URL ? { publicUrl: config.REVIEWFLOW_PUBLIC_URL } : {}),
          },
        }
      : {}),
    ...(codecEndpoint ? { codecEndpoint } : {}),
    queryTimeoutMs: config.QUERY_TIMEOUT_MS,
    readinessTimeoutMs: 2000,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    ...(config.REVIEWFLOW_TRUSTED_PROXIES ? { trustedProxies: config.REVIEWFLOW_TRUSTED_PROXIES } : {}),
    ...(config.TEMPORAL_UI_URL ? { temporalUiUrl: config.TEMPORAL_UI_URL } : {}),
    rateLimit: { perMinute: config.REVIEWFLOW_RATE_LIMIT_PER_MINUTE },
    loadShedding: {
      maxEventLoopDelayMs: config.REVIEWFLOW_SHED_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: config.REVIEWFLOW_SHED_HEAP_USED_BYTES,
      maxRssBytes: config.REVIEWFLOW_SHED_RSS_BYTES,
      retryAfterSeconds: 10,
    },
    ...(webhookSecret ? { githubWebhook: { secret: webhookSecret, reviewDrafts: config.GITHUB_REVIEW_DRAFTS } } : {}),
  },
  {
    temporal,
    logger,
    temporalCallMetrics,
    resolveGitHubSource: createGitHubSourceResolver({
      baseUrl: config.GITHUB_API_URL,
      // Read per use, so a rotated token file needs no restart.
      token: async () =>
        config.GITHUB_TOKEN_FILE ? (await readFile(config.GITHUB_TOKEN_FILE, 'utf8')).trim() : config.GITHUB_TOKEN,
    }),
  },
);

let closing = false;
const close = async (signal: string): Promise<void> => {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'shutting down');
  // Stop accepting, let in-flight requests finish within the grace time, then drop the connection.
  const timer = setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_SECONDS * 1000).unref();
  // A keep-alive connection whose request was in flight when closing began turns idle later, and
  // Node's close() does not look again: without the sweep it holds the exit until the grace timer.
  const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
  await app.close();
  clearInterval(sweep);
  await connection.close();
  clearTimeout(timer);
  // A Temporal call that outlived its request (answered at the deadline) may still be retrying:
  // its timer would fire on the closed channel and crash the exit with "Channel has been shut down".
  process.exit(0);
};
process.once('SIGINT', () => void close('SIGINT'));
process.once('SIGTERM', () => void close('SIGTERM'));

await app.listen({ host: config.HOST, port: config.PORT });
