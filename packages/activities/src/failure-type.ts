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
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];
