import { FailureType } from '@reviewflow/contract';
import { ApplicationFailure } from '@temporalio/activity';
import { CoverageBelowMinimumError } from './chunk/coverage-below-minimum-error.js';
import { ReviewConfigError } from './config/review-config-error.js';
import { ModelHttpError } from './llm/model-http-error.js';
import { InvalidModelOutputError } from './review/review-findings-schema.js';

/**
 * Errors of the model side of a review (model servers, model output, review configuration and
 * coverage demands) as Temporal failures, or `undefined` for errors it does not know. Server trouble
 * stays retryable under its own type, so the history says what was retried; everything a retry
 * cannot fix is non-retryable and ends the review with its reason.
 */
export function toModelFailure(err: unknown): ApplicationFailure | undefined {
  if (err instanceof ModelHttpError) {
    return ApplicationFailure.create({
      type: err.retryable ? FailureType.ModelUnavailable : FailureType.ModelRequestRejected,
      message: err.message,
      nonRetryable: !err.retryable,
      details: [{ kind: err.kind, ...(err.status === undefined ? {} : { status: err.status }) }],
    });
  }
  if (err instanceof InvalidModelOutputError) {
    // The reviewer already re-asked within the attempt; more attempts would repeat the same prompt.
    return ApplicationFailure.create({
      type: FailureType.ModelOutputInvalid,
      message: err.message,
      nonRetryable: true,
    });
  }
  if (err instanceof ReviewConfigError) {
    return ApplicationFailure.create({
      type: FailureType.ReviewConfigInvalid,
      message: err.message,
      nonRetryable: true,
    });
  }
  if (err instanceof CoverageBelowMinimumError) {
    return ApplicationFailure.create({
      type: FailureType.CoverageBelowMinimum,
      message: err.message,
      nonRetryable: true,
      details: [{ ratio: err.ratio, minimum: err.minimum }],
    });
  }
  return undefined;
}
