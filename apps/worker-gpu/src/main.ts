import { startLivenessFile, temporalConnectionOptions, withoutFailureText } from '@reviewflow/config';
import { reviewMetricBuckets } from '@reviewflow/activities';
import { installWorkerRuntime, retryWhileTemporalUnreachable } from '@reviewflow/worker-runtime';
import { reviewLogAttributes } from '@reviewflow/workflows';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { loadGpuWorkerConfig } from './config.js';
import { createGpuWorker } from './create-gpu-worker.js';

const config = loadGpuWorkerConfig();
// First, so liveness reflects the event loop from boot on, whatever Temporal does.
if (config.LIVENESS_FILE !== undefined) startLivenessFile(config.LIVENESS_FILE);
// Before the first connection: it would install a default runtime without metrics or JSON logs.
installWorkerRuntime({
  service: 'worker-gpu',
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
const { connection, worker } = await retryWhileTemporalUnreachable(
  async () => {
    const connection = await NativeConnection.connect(temporalConnectionOptions(config));
    try {
      return { connection, worker: await createGpuWorker(config, connection) };
    } catch (err) {
      await connection.close().catch(() => undefined);
      throw err;
    }
  },
  { log: (message, meta) => Runtime.instance().logger.warn(message, meta), signal: booting.signal },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, stopBooting);
try {
  // The SDK runtime turns SIGINT/SIGTERM into a graceful shutdown; `run()` resolves after it.
  await worker.run();
} finally {
  await connection.close();
}
