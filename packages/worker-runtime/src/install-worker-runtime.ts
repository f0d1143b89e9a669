import type { MetricMeter } from '@temporalio/common';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { DestinationStream } from 'pino';
import { jsonLogFunction, type LogAttributes } from './json-log-function.js';
import { sdkHistogramBuckets } from './sdk-histogram-buckets.js';
import { snakeCaseTagsMeter } from './snake-case-tags-meter.js';

/** Log levels as every deployable configures them (pino's names, shared with the API). */
export type WorkerLogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Options of {@link installWorkerRuntime}. */
export interface WorkerRuntimeOptions {
  /** Names the process in every log line, e.g. `worker-cpu`. */
  service: string;
  logLevel: WorkerLogLevel;
  /** Where the Prometheus exporter listens (`/metrics`); port 0 turns the exporter off. */
  metrics: {
    host: string;
    port: number;
    /** Bucket boundaries of the worker's own histograms, by metric name without unit suffix. */
    histogramBuckets?: Record<string, number[]>;
  };
  /** Adds attributes to every log line, e.g. the review id of lines about a review. */
  logAttributes?: LogAttributes;
  /** Where log lines go; stdout when omitted. */
  destination?: DestinationStream;
}

/** What {@link installWorkerRuntime} set up. */
export interface WorkerRuntime {
  /** The `host:port` the Prometheus exporter listens on, or undefined when it is off. */
  metricsAddress: string | undefined;
}

const sdkLevel: Record<WorkerLogLevel, LogLevel> = {
  fatal: 'ERROR',
  error: 'ERROR',
  warn: 'WARN',
  info: 'INFO',
  debug: 'DEBUG',
  trace: 'TRACE',
};

/**
 * Installs the process-wide Temporal SDK runtime of a worker: JSON logs (SDK, workflow, activity and
 * forwarded Core lines alike) and the SDK's Prometheus exporter. Must run before the first
 * `NativeConnection` or `Worker` is created, because those instantiate a default runtime that can no
 * longer be configured; and only once per process.
 */
export function installWorkerRuntime(options: WorkerRuntimeOptions): WorkerRuntime {
  const level = sdkLevel[options.logLevel];
  const { host, port, histogramBuckets = {} } = options.metrics;
  const metricsAddress = port === 0 ? undefined : `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const runtime = Runtime.install({
    logger: new DefaultLogger(level, jsonLogFunction(options)),
    telemetryOptions: {
      // Core's INFO lines are per-poll chatter; only its warnings matter unless someone debugs.
      logging: {
        filter: { core: level === 'DEBUG' || level === 'TRACE' ? level : 'WARN', other: 'ERROR' },
        forward: {},
      },
      ...(metricsAddress === undefined
        ? {}
        : {
            metrics: {
              // The scrape target already says which process this is.
              attachServiceName: false,
              prometheus: {
                bindAddress: metricsAddress,
                // Prometheus conventions (`_total` counters, base units in names, seconds), so
                // `promtool check metrics` passes and latencies read like every other exporter's.
                countersTotalSuffix: true,
                unitSuffix: true,
                useSecondsForDurations: true,
                histogramBucketOverrides: { ...sdkHistogramBuckets, ...histogramBuckets },
              },
            },
          }),
    },
  });
  if (metricsAddress !== undefined) {
    // Every worker, workflow and activity meter is built on this one, before any worker exists.
    (runtime as { metricMeter: MetricMeter }).metricMeter = snakeCaseTagsMeter(runtime.metricMeter);
    runtime.logger.info('Prometheus metrics exporter listening', {
      url: `http://${metricsAddress}/metrics`,
    });
  }
  return { metricsAddress };
}
