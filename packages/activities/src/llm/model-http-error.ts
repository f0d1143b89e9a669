/** Why a call to a model server failed. */
export type ModelHttpErrorKind = 'timeout' | 'network' | 'http';

/**
 * A call to a model server that failed after the client's own retries. `retryable` says whether a
 * later attempt can succeed (timeouts, network errors, 408, 409, 429, 5xx) or the request itself is
 * wrong (other 4xx: bad model name, bad key), which no retry fixes. Messages never carry the API key
 * or the prompt.
 */
export class ModelHttpError extends Error {
  constructor(
    message: string,
    readonly kind: ModelHttpErrorKind,
    readonly retryable: boolean,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ModelHttpError';
  }
}
