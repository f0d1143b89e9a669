/** Where GitHub's error bodies point (`documentation_url`). */
export const githubRestDocs = 'https://docs.github.com/rest';

/** A canned answer for the next matching request: errors, rate limits. */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** GitHub's answer when the primary rate limit is used up: 403 with `x-ratelimit-remaining: 0`. */
export function rateLimitExhausted(resetEpochSeconds: number): FakeResponse {
  return {
    status: 403,
    headers: {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-reset': String(resetEpochSeconds),
      'x-ratelimit-resource': 'core',
    },
    body: {
      message: 'API rate limit exceeded for installation ID 1.',
      documentation_url: `${githubRestDocs}/overview/rate-limits-for-the-rest-api`,
      status: '403',
    },
  };
}

/** GitHub's answer for a secondary rate limit: 403 (or 429) with `retry-after`. */
export function secondaryRateLimit(retryAfterSeconds: number, status: 403 | 429 = 403): FakeResponse {
  return {
    status,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: `${githubRestDocs}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
      status: String(status),
    },
  };
}
