/**
 * How the model clients retry an OpenAI-compatible server inside one activity attempt: which HTTP
 * statuses a later try may fix, and how long to wait before it. The chat model (through the SDK's
 * fetch) and the embedder (through `postOpenAiJson`) pace the same way.
 */

// Whatever a server asks for in Retry-After, one activity attempt never sleeps longer than this;
// a longer wait is better spent in Temporal's backoff, where it holds no worker slot.
const maxRetryDelayMs = 30_000;

/** 408, 409, 429 and 5xx: statuses a later attempt of the same request may get past. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * The wait before retry number `retry` (0 for the first): `baseDelayMs` doubled per retry, or the
 * server's Retry-After in `headers` when longer, at most 30 s.
 */
export function retryDelayMs(baseDelayMs: number, retry: number, headers?: Headers): number {
  const backoff = baseDelayMs * 2 ** retry;
  const asked = headers === undefined ? undefined : retryAfterOf(headers);
  return Math.min(maxRetryDelayMs, Math.max(backoff, asked ?? 0));
}

/** `Retry-After-Ms` (OpenAI) or `Retry-After` in seconds; dates are rare from model servers and ignored. */
function retryAfterOf(headers: Headers): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const seconds = Number(headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}
