import { Type } from 'typebox';

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
