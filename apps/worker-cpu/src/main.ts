import { startLivenessFile, temporalConnectionOptions, withoutFailureText } from '@reviewflow/config';
import { reviewMetricBuckets } from '@reviewflow/activities';
import { installWorkerRuntime, retryWhileTemporalUnreachable } from '@reviewflow/worker-runtime';
import { reviewLogAttributes } from '@reviewflow/workflows';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { loadCpuWorkerConfig } from './config.js';
import { createCpuWorkers } from './create-cpu-workers.js';
import { ensureSearchAttributes } from './ensure-search-attributes.js';

const config = loadCpuWorkerConfig();
// First, so liveness reflects the event loop from boot on, whatever Temporal does.
if (config.LIVENESS_FILE !== undefined) startLivenessFile(config.LIVENESS_FILE);
// Before the first connection: it would install a default runtime without metrics or JSON logs.
installWorkerRuntime({
  service: 'worker-cpu',
  logLevel: config.LOG_LEVEL,
  metrics: { host: config.METRICS_HOST, port: config.METRICS_PORT, histogramBuckets: reviewMetricBuckets() },
  // With encrypted payloads, failure messages stay out of the logs too (see withoutFailureText).
  logAttributes: config.REVIEWFLOW_PAYLOAD_KEYS
    ? (meta) => withoutFailureText(reviewLogAttributes(meta))
    : reviewLogAttributes,
});
// Started while Temporal is down (a restart of both at once), the worker waits for it instead of
// exiting; a stop signal during that wait still stops it.
const booting = new AbortController();
const stopBooting = (): void => booting.abort();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, stopBooting);
const { connection, workers } = await retryWhileTemporalUnreachable(
  async () => {
    const connection = await NativeConnection.connect(temporalConnectionOptions(config));
    try {
      await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
      return { connection, workers: await createCpuWorkers(config, connection) };
    } catch (err) {
      await connection.close().catch(() => undefined);
      throw err;
    }
  },
  { log: (message, meta) => Runtime.instance().logger.warn(message, meta), signal: booting.signal },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, stopBooting);
try {
  // The SDK runtime turns SIGINT/SIGTERM into a graceful shutdown of every worker: running
  // activities get the grace time, then each `run()` resolves.
  await Promise.all(workers.map((worker) => worker.run()));
} finally {
  await connection.close();
}
