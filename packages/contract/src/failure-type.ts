/**
 * Stable `ApplicationFailure` types. Permanent failures are created non-retryable with one of these
 * types so a review ends at once with a reason the API can show; anything else is retried.
 */
export const FailureType = {
  /** The source path is not a git repository the worker can read. */
  GitNotARepository: 'GitNotARepository',
  /** A base or head revision does not exist in the repository. */
  GitUnknownRevision: 'GitUnknownRevision',
  /** An artifact a step needs is missing (the store was wiped under a running review). */
  ArtifactMissing: 'ArtifactMissing',
  /**
   * A model kept answering with output that is not valid JSON of the findings schema. Retryable for
   * the first attempts (models are sampled, a retry often answers well), then non-retryable.
   */
  ModelOutputInvalid: 'ModelOutputInvalid',
  /** A model server was unreachable, timed out, rate-limited (429) or failed (5xx); always retried. */
  ModelUnavailable: 'ModelUnavailable',
  /** A model server refused the request itself (400, 401, 403, 404, 422): configuration, not luck. */
  ModelRequestRejected: 'ModelRequestRejected',
  /** The request demanded a minimum coverage that the review could not reach. */
  CoverageBelowMinimum: 'CoverageBelowMinimum',
  /** The reviewed repository's `.reviewflow.yml` at the head revision is not valid. */
  ReviewConfigInvalid: 'ReviewConfigInvalid',
  /** GitHub rejected the worker's credentials (401): a missing, expired or revoked token or app key. */
  GitHubUnauthorized: 'GitHubUnauthorized',
  /** GitHub refused the request for lack of permission (403 that is not a rate limit). */
  GitHubForbidden: 'GitHubForbidden',
  /** The repository or pull request does not exist, or the credentials cannot see it (404). */
  GitHubNotFound: 'GitHubNotFound',
  /** GitHub refused the request as invalid (422), e.g. a review comment on a line outside the diff. */
  GitHubUnprocessable: 'GitHubUnprocessable',
  /** The pull request's head is not the commit the review was started for (it was pushed since). */
  GitHubHeadMismatch: 'GitHubHeadMismatch',
  /** A primary or secondary rate limit, or 429: retried, with the next attempt at GitHub's reset time. */
  GitHubRateLimited: 'GitHubRateLimited',
  /** The approval webhook refused a notification (a 4xx other than 408/429): fix its configuration. */
  NotificationRejected: 'NotificationRejected',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];
