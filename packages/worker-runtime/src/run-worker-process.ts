import { Runtime, type NativeConnection, type Worker } from '@temporalio/worker';
import { installWorkerRuntime, type WorkerRuntimeOptions } from './install-worker-runtime.js';
import { retryWhileTemporalUnreachable } from './retry-while-temporal-unreachable.js';

/** What a worker deployable's entry point hands to {@link runWorkerProcess}. */
export interface WorkerProcessOptions {
  runtime: WorkerRuntimeOptions;
  /** Opens the connection to Temporal (from the deployable's config). */
  connect: () => Promise<NativeConnection>;
  /** The deployable's workers on that connection (and any setup they need first). */
  createWorkers: (connection: NativeConnection) => Promise<Worker[]>;
}

/**
 * The life of a worker process, the same for worker-cpu and worker-gpu: the SDK runtime (metrics,
 * JSON logs) before the first connection, which would otherwise install a default one; then the
 * connection and the workers, waiting for Temporal while it is unreachable (both restarted at
 * once) — a stop signal during that wait still stops the process; then the workers run until the
 * SDK runtime turns SIGINT/SIGTERM into a graceful shutdown (running activities get the grace
 * time), and the connection is closed.
 */
export async function runWorkerProcess(options: WorkerProcessOptions): Promise<void> {
  installWorkerRuntime(options.runtime);
  const booting = new AbortController();
  const stopBooting = (): void => booting.abort();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, stopBooting);
  const booted = await retryWhileTemporalUnreachable(
    async () => {
      const connection = await options.connect();
      try {
        return { connection, workers: await options.createWorkers(connection) };
      } catch (err) {
        await connection.close().catch(() => undefined);
        throw err;
      }
    },
    { log: (message, meta) => Runtime.instance().logger.warn(message, meta), signal: booting.signal },
  ).catch((err: unknown) => {
    // Asked to stop before Temporal was reachable: a clean stop, not a crash with the last error.
    if (booting.signal.aborted) return undefined;
    throw err;
  });
  if (booted === undefined) {
    Runtime.instance().logger.info('stopped while waiting for Temporal');
    // The SDK runtime keeps the event loop alive; nothing else is running yet.
    process.exit(0);
  }
  const { connection, workers } = booted;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, stopBooting);
  try {
    await Promise.all(workers.map((worker) => worker.run()));
  } finally {
    await connection.close();
  }
}
