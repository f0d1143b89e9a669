import {
  reviewStartOptions,
  reviewWorkflowId,
  reviewWorkflowType,
  type ReviewInput,
  type ReviewSource,
} from '@reviewflow/contract';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { StartReviewBody } from '../schemas/start-review-body-schema.js';

/**
 * Starts the review of a resolved source, idempotently: the workflow id comes from the business key
 * (repository + commit range), so the same source never gets a second pipeline. A review that
 * completed (or is still running) is returned as it is; one that failed or was cancelled may be
 * started again by the same request, which is how a caller retries it.
 */
export async function startReview(
  client: Client,
  source: ReviewSource,
  body: Pick<
    StartReviewBody,
    | 'approval'
    | 'maxParallelChunks'
    | 'chunksPerActivity'
    | 'paths'
    | 'minCoverage'
    | 'tokenBudget'
    | 'relatedChunks'
    | 'model'
  >,
  options: { reuse?: 'after-failure' | 'never' } = {},
): Promise<{ id: string; created: boolean }> {
  const id = reviewWorkflowId(source);
  const input: ReviewInput = { source };
  if (body.approval) input.approval = body.approval;
  if (body.maxParallelChunks !== undefined) input.maxParallelChunks = body.maxParallelChunks;
  if (body.chunksPerActivity !== undefined) input.chunksPerActivity = body.chunksPerActivity;
  if (body.paths) input.paths = body.paths;
  if (body.minCoverage !== undefined) input.minCoverage = body.minCoverage;
  if (body.tokenBudget !== undefined) input.tokenBudget = body.tokenBudget;
  if (body.relatedChunks !== undefined) input.relatedChunks = body.relatedChunks;
  if (body.model) input.model = body.model;
  try {
    await client.workflow.start(reviewWorkflowType, reviewStartOptions(input, options.reuse));
    return { id, created: true };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { id, created: false };
    throw err;
  }
}
