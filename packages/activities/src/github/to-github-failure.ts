import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '@reviewflow/contract';

/** The shape of Octokit's `RequestError` (name `HttpError`), matched structurally so no second copy of the class can slip past `instanceof`. */
export interface GitHubRequestError extends Error {
  name: 'HttpError';
  status: number;
  response?: { headers: Record<string, string | number | undefined>; data?: unknown };
}

/** True for errors thrown by Octokit for an HTTP answer or a network failure (status 500). */
export function isGitHubRequestError(err: unknown): err is GitHubRequestError {
  return err instanceof Error && err.name === 'HttpError' && typeof (err as { status?: unknown }).status === 'number';
}

// GitHub's documentation: after a secondary rate limit without `retry-after`, wait at least a minute.
const secondaryLimitWaitMs = 60_000;
// `x-ratelimit-reset` has whole seconds; one more keeps the retry from landing just before it.
const resetMarginMs = 1_000;

/**
 * The one mapping of GitHub errors to Temporal failures. 401, 403 (not a rate limit), 404 and 422
 * are permanent: a non-retryable failure with a typed reason. Rate limits (403 with the primary
 * limit exhausted, secondary limits, 429) stay retryable, with the next attempt delayed until the
 * reset time GitHub gives instead of the policy's backoff. Anything else (5xx, network errors,
 * which Octokit reports as status 500) returns undefined: the caller rethrows the error unchanged
 * and Temporal retries it with the activity's retry policy.
 */
export function toGitHubFailure(err: GitHubRequestError, now = Date.now()): ApplicationFailure | undefined {
  const headers = err.response?.headers ?? {};
  const header = (name: string): string | undefined => {
    const value = headers[name];
    return value === undefined ? undefined : String(value);
  };
  const reason = gitHubMessage(err);
  const permanent = (type: FailureType, what: string) =>
    ApplicationFailure.create({ type, message: `${what} (GitHub ${err.status}: ${reason})`, nonRetryable: true });

  if (err.status === 403 || err.status === 429) {
    // GitHub's clock, when it sent one, so a skewed worker clock does not shorten the wait.
    const serverNow = Date.parse(header('date') ?? '');
    const clock = Number.isNaN(serverNow) ? now : serverNow;
    let delayMs: number | undefined;
    const retryAfter = Number(header('retry-after'));
    const reset = Number(header('x-ratelimit-reset'));
    if (header('retry-after') !== undefined && Number.isFinite(retryAfter)) delayMs = retryAfter * 1000;
    else if (header('x-ratelimit-remaining') === '0' && Number.isFinite(reset))
      delayMs = reset * 1000 - clock + resetMarginMs;
    else if (err.status === 429 || /secondary rate limit|abuse/i.test(reason)) delayMs = secondaryLimitWaitMs;
    if (delayMs !== undefined) {
      return ApplicationFailure.create({
        type: FailureType.GitHubRateLimited,
        message: `GitHub rate limit (${err.status}: ${reason}); next attempt in ${Math.ceil(delayMs / 1000)} s`,
        nextRetryDelay: Math.max(1_000, delayMs),
      });
    }
    return permanent(FailureType.GitHubForbidden, 'GitHub refused access; check the token scopes or app permissions');
  }
  if (err.status === 401) return permanent(FailureType.GitHubUnauthorized, 'GitHub rejected the credentials');
  if (err.status === 404)
    return permanent(
      FailureType.GitHubNotFound,
      'Repository or pull request not found, or not visible to the credentials',
    );
  if (err.status === 422) return permanent(FailureType.GitHubUnprocessable, 'GitHub refused the request as invalid');
  return undefined;
}

/** GitHub's own words: its `message` plus the `errors` it lists for a 422. */
function gitHubMessage(err: GitHubRequestError): string {
  const data = err.response?.data as { message?: unknown; errors?: unknown } | undefined;
  const base = typeof data?.message === 'string' ? data.message : err.message;
  const details = Array.isArray(data?.errors)
    ? data.errors
        .map((e: unknown) =>
          typeof e === 'string'
            ? e
            : ((e as { message?: string; code?: string }).message ?? (e as { code?: string }).code),
        )
        .filter((m): m is string => typeof m === 'string')
    : [];
  return details.length > 0 ? `${base}: ${details.join('; ')}` : base;
}
