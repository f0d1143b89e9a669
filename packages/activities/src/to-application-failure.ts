import { ApplicationFailure } from '@temporalio/activity';
import { FailureType } from '@reviewflow/contract';
import { GitSourceError } from './git/git-source-error.js';
import { GitHubSourceError } from './github/github-source-error.js';
import { isGitHubRequestError, toGitHubFailure } from './github/to-github-failure.js';
import { ArtifactNotFoundError } from './store/artifact-store.js';
import { toModelFailure } from './to-model-failure.js';

/**
 * The one place where errors of outside systems become Temporal failures: known permanent errors
 * turn into non-retryable failures with a stable type; everything else is returned unchanged so
 * Temporal retries it with the activity's retry policy.
 */
export function toApplicationFailure(err: unknown): unknown {
  if (err instanceof GitSourceError) {
    return ApplicationFailure.create({ type: err.failureType, message: err.message, nonRetryable: true });
  }
  if (err instanceof GitHubSourceError) {
    return ApplicationFailure.create({ type: err.failureType, message: err.message, nonRetryable: true });
  }
  if (isGitHubRequestError(err)) return toGitHubFailure(err) ?? err;
  const modelFailure = toModelFailure(err);
  if (modelFailure) return modelFailure;
  if (err instanceof ArtifactNotFoundError) {
    return ApplicationFailure.create({
      type: FailureType.ArtifactMissing,
      message: err.message,
      nonRetryable: true,
    });
  }
  return err;
}
