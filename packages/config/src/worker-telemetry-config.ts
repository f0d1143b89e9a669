import { Type, type Static } from 'typebox';
import type { PayloadEncryptionConfig } from './payload-encryption-config.js';
import { withoutFailureText } from './without-failure-text.js';

/**
 * The logging and metrics settings of a worker; each worker spreads these properties into its own
 * config schema with its own metrics port, so worker-cpu and worker-gpu can share a machine.
 */
export function workerTelemetryProperties(defaults: { metricsPort: number }) {
  return {
    LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace'], {
      default: 'info',
      description: 'JSON log lines (pino) at this level and above',
    }),
    // Loopback unless asked otherwise, like the API; containers set 0.0.0.0 so Prometheus can scrape the pod.
    METRICS_HOST: Type.String({ default: '127.0.0.1', description: 'Listen address of the Prometheus exporter' }),
    METRICS_PORT: Type.Integer({
      default: defaults.metricsPort,
      minimum: 0,
      maximum: 65535,
      description: 'Port of the Prometheus exporter (GET /metrics); 0 turns it off',
    }),
  };
}

/** What {@link workerTelemetryOptions} reads: a worker's telemetry settings and whether it encrypts payloads. */
export type WorkerTelemetryConfig = Static<
  ReturnType<typeof Type.Object<ReturnType<typeof workerTelemetryProperties>>>
> &
  Pick<PayloadEncryptionConfig, 'REVIEWFLOW_PAYLOAD_KEYS'>;

/** Log line metadata, as the Temporal SDK hands it to a worker's log attributes. */
type LogMetadata = Record<string | symbol, unknown>;

/**
 * The options of a worker's SDK runtime (worker-runtime's `installWorkerRuntime`) from its settings,
 * the same for worker-cpu and worker-gpu; the worker adds its name, its own histograms' buckets and
 * the attributes of its log lines.
 */
export function workerTelemetryOptions(
  config: WorkerTelemetryConfig,
  worker: {
    service: string;
    histogramBuckets: Record<string, number[]>;
    logAttributes: (meta: LogMetadata) => LogMetadata;
  },
) {
  const { logAttributes } = worker;
  return {
    service: worker.service,
    logLevel: config.LOG_LEVEL,
    metrics: { host: config.METRICS_HOST, port: config.METRICS_PORT, histogramBuckets: worker.histogramBuckets },
    // With encrypted payloads, failure messages stay out of the logs too (see withoutFailureText).
    logAttributes: config.REVIEWFLOW_PAYLOAD_KEYS
      ? (meta: LogMetadata) => withoutFailureText(logAttributes(meta))
      : logAttributes,
  };
}
