import type { FailureType } from '@reviewflow/contract';

/**
 * A permanent problem with a GitHub source that GitHub itself answered without error: the pull
 * request's head moved past the commit under review. Retrying cannot fix it, so the activity layer
 * turns it into a non-retryable failure of type {@link GitHubSourceError.failureType}.
 */
export class GitHubSourceError extends Error {
  constructor(
    readonly failureType: typeof FailureType.GitHubHeadMismatch,
    message: string,
  ) {
    super(message);
    this.name = 'GitHubSourceError';
  }
}
