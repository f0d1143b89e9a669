import { startLivenessFile, temporalConnectionOptions } from '@reviewflow/config';
import { NativeConnection } from '@temporalio/worker';
import { loadGpuWorkerConfig } from './config.js';
import { createGpuWorker } from './create-gpu-worker.js';

const config = loadGpuWorkerConfig();
// First, so liveness reflects the event loop from boot on, whatever Temporal does.
if (config.LIVENESS_FILE !== undefined) startLivenessFile(config.LIVENESS_FILE);
const connection = await NativeConnection.connect(temporalConnectionOptions(config));
try {
  const worker = await createGpuWorker(config, connection);
  // The SDK runtime turns SIGINT/SIGTERM into a graceful shutdown; `run()` resolves after it.
  await worker.run();
} finally {
  await connection.close();
}
