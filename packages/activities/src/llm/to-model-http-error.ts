import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { ModelHttpError } from './model-http-error.js';
import { isRetryableStatus } from './retry-delay.js';

/**
 * An OpenAI SDK error, after the SDK's own retries, as a {@link ModelHttpError} that says whether a
 * later attempt may succeed: timeouts, connection errors, 408, 409, 429 and 5xx are retryable; other
 * statuses (400, 401, 403, 404, 422) mean the request itself is wrong. `url` names the endpoint in
 * the message; the message carries the server's own words, shortened, and never the key or prompt.
 * Errors that are not the SDK's (say, an unreadable key file) are returned unchanged.
 */
export function toModelHttpError(err: unknown, url: string, timeoutMs: number): unknown {
  if (err instanceof APIConnectionTimeoutError) {
    return new ModelHttpError(`${url} did not answer within ${timeoutMs} ms`, 'timeout', true, undefined, {
      cause: err,
    });
  }
  if (err instanceof APIConnectionError) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return new ModelHttpError(`${url} could not be reached${cause}`, 'network', true, undefined, { cause: err });
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    return new ModelHttpError(
      `${url} answered ${err.status}${describe(err.error)}`,
      'http',
      isRetryableStatus(err.status),
      err.status,
      { cause: err },
    );
  }
  return err;
}

function describe(error: unknown): string {
  const message =
    typeof error === 'string'
      ? error
      : typeof (error as { message?: unknown } | undefined)?.message === 'string'
        ? (error as { message: string }).message
        : '';
  const short = message.replace(/\s+/g, ' ').trim().slice(0, 200);
  return short === '' ? '' : `: ${short}`;
}
