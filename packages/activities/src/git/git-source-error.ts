import type { FailureType } from '@reviewflow/contract';

/**
 * A permanent problem with a git source: the path is not a readable repository, or a revision does
 * not exist. Retrying cannot fix either, so the activity layer turns this into a non-retryable
 * failure of type {@link GitSourceError.failureType}; every other error from git stays retryable.
 */
export class GitSourceError extends Error {
  constructor(
    readonly failureType: typeof FailureType.GitNotARepository | typeof FailureType.GitUnknownRevision,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'GitSourceError';
  }
}
