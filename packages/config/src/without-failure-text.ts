/** The part of an error a log line keeps when payloads are encrypted: what failed, never its words. */
interface ErrorOutline {
  name: string;
  type?: string;
  nonRetryable?: boolean;
  message: string;
  cause?: ErrorOutline;
}

const redacted = '[redacted: payloads are encrypted; read it through the API or the codec endpoint]';

function outline(err: Error, depth: number): ErrorOutline {
  const { type, nonRetryable } = err as { type?: unknown; nonRetryable?: unknown };
  return {
    name: err.name,
    ...(typeof type === 'string' ? { type } : {}),
    ...(typeof nonRetryable === 'boolean' ? { nonRetryable } : {}),
    message: redacted,
    ...(err.cause instanceof Error && depth < 8 ? { cause: outline(err.cause, depth + 1) } : {}),
  };
}

/**
 * Log metadata without the message and stack of the errors it carries (`error`, `err`), for
 * processes that encrypt payloads: failure messages quote their inputs (file names, revisions,
 * model output), and the SDK logs every failed activity with its error, so an unredacted line
 * would hand the log store what the codec hides from Temporal. The error's name and failure type
 * stay, so a log still says what failed and where; the words are in the (encrypted) history.
 */
export function withoutFailureText<M extends Record<string | symbol, unknown>>(meta: M): M {
  let result = meta;
  for (const key of ['error', 'err'] as const) {
    const value = meta[key];
    if (value instanceof Error) result = { ...result, [key]: outline(value, 0) };
  }
  return result;
}
