import { startLivenessFile, temporalConnectionOptions } from '@reviewflow/config';
import { NativeConnection } from '@temporalio/worker';
import { loadCpuWorkerConfig } from './config.js';
import { createCpuWorker } from './create-cpu-worker.js';
import { ensureSearchAttributes } from './ensure-search-attributes.js';

const config = loadCpuWorkerConfig();
// First, so liveness reflects the event loop from boot on, whatever Temporal does.
if (config.LIVENESS_FILE !== undefined) startLivenessFile(config.LIVENESS_FILE);
const connection = await NativeConnection.connect(temporalConnectionOptions(config));
try {
  await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
  const worker = await createCpuWorker(config, connection);
  // The SDK runtime turns SIGINT/SIGTERM into a graceful shutdown: running activities get the
  // grace time, then `run()` resolves.
  await worker.run();
} finally {
  await connection.close();
}
