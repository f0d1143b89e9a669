import type { components } from './generated/openapi.js';

/**
 * An RFC 9457 problem document, as every reviewflow error response carries. Every field is
 * optional here: a proxy in front of the API answers with pages that are not problem documents.
 */
export type Problem = Partial<components['schemas']['Problem']>;

/** A request the API refused or could not answer, with the problem it sent when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** The last segment of the problem type, e.g. `review-not-found`. */
  get kind(): string {
    return this.problem.type?.split('/').pop() ?? '';
  }

  /** A readable, multi-line account for a terminal: what failed, why, and how to report it. */
  describe(): string {
    const lines = [`${this.problem.title ?? 'Request failed'} (HTTP ${this.status})`];
    if (this.problem.detail) lines.push(`  ${this.problem.detail}`);
    for (const e of this.problem.errors ?? []) lines.push(`  - ${e.path}: ${e.message}`);
    if (this.problem.type) lines.push(`  type: ${this.problem.type}`);
    if (this.problem.requestId) lines.push(`  request id: ${this.problem.requestId}`);
    return lines.join('\n');
  }
}

/** The API could not be reached at all. */
export class ApiUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    super(`cannot reach the reviewflow API at ${url}: ${cause instanceof Error ? causeMessage(cause) : String(cause)}`);
    this.name = 'ApiUnreachableError';
  }
}

// fetch() says "fetch failed" and hides the reason (ECONNREFUSED, ENOTFOUND) in `cause`.
function causeMessage(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
}
