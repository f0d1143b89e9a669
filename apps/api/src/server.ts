import { Client, Connection } from '@temporalio/client';
import { temporalConnectionOptions } from '@reviewflow/config';
import { pino } from 'pino';
import { buildApp } from './app.js';
import { apiKeysOf, loadApiConfig } from './config.js';
import { createTemporalCallMetrics } from './metrics/temporal-call-metrics.js';

const config = loadApiConfig();
const logger = pino({
  level: config.LOG_LEVEL,
  // Credentials must never reach the logs.
  redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-hub-signature-256"]'],
});
const temporalCallMetrics = createTemporalCallMetrics();
// Lazy: the API starts and answers /healthz while Temporal is still coming up; /readyz tells.
const connection = Connection.lazy({
  ...temporalConnectionOptions(config),
  interceptors: temporalCallMetrics.interceptors,
});
const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
const app = await buildApp(
  {
    namespace: config.TEMPORAL_NAMESPACE,
    apiKeys: apiKeysOf(config),
    operationsAuth: {
      health: config.REVIEWFLOW_HEALTH_AUTH === 'api-key',
      metrics: config.REVIEWFLOW_METRICS_AUTH === 'api-key',
    },
    queryTimeoutMs: config.QUERY_TIMEOUT_MS,
    readinessTimeoutMs: 2000,
  },
  { temporal, logger, temporalCallMetrics },
);

let closing = false;
const close = async (signal: string): Promise<void> => {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'shutting down');
  // Stop accepting, let in-flight requests finish within the grace time, then drop the connection.
  const timer = setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_SECONDS * 1000).unref();
  await app.close();
  await connection.close();
  clearTimeout(timer);
};
process.once('SIGINT', () => void close('SIGINT'));
process.once('SIGTERM', () => void close('SIGTERM'));

await app.listen({ host: config.HOST, port: config.PORT });
