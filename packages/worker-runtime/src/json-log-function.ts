import type { LogEntry, LogMetadata } from '@temporalio/worker';
import { pino, stdSerializers, type DestinationStream } from 'pino';

/** Adds attributes to the metadata of a log line, e.g. the review id of a workflow's lines. */
export type LogAttributes = (meta: LogMetadata) => LogMetadata;

/** Options of {@link jsonLogFunction}. */
export interface JsonLogOptions {
  /** Names the process in every line (pino's `name` field), e.g. `worker-cpu`. */
  service: string;
  logAttributes?: LogAttributes;
  /** Where lines go; stdout when omitted, like the API's logs. */
  destination?: DestinationStream;
}

const pinoLevel = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/**
 * A log function for the SDK's `DefaultLogger` that writes one pino JSON line per entry, so worker
 * logs are structured like the API's. The SDK logger has already filtered by level; the line keeps
 * the entry's own timestamp because forwarded Core logs arrive up to 100 ms late.
 */
export function jsonLogFunction(options: JsonLogOptions): (entry: LogEntry) => void {
  const settings = {
    name: options.service,
    level: 'trace',
    timestamp: false,
    // The SDK passes failures as `error`; plain JSON would turn an Error into `{}`.
    serializers: { err: stdSerializers.err, error: stdSerializers.err },
  };
  const logger = options.destination ? pino(settings, options.destination) : pino(settings);
  return (entry) => {
    const meta = entry.meta ?? {};
    const attributes = options.logAttributes ? options.logAttributes(meta) : meta;
    logger[pinoLevel[entry.level]]({ time: Number(entry.timestampNanos / 1_000_000n), ...attributes }, entry.message);
  };
}
