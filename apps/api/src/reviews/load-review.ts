import {
  ReviewSearchAttribute,
  progressQuery,
  reviewRepository,
  reviewWorkflowType,
  type ReviewInput,
  type ReviewProgress,
  type ReviewReport,
  type ReviewSource,
} from '@reviewflow/workflows';
import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import { HttpProblem, ProblemType } from '../http-problem.js';
import type { ReviewView } from '../schemas/review-schemas.js';
import { failureOf } from './failure-of.js';
import { reviewStatusOf } from './review-status-of.js';

/** Options of {@link loadReview}. */
export interface LoadReviewOptions {
  /** How long to wait for a worker to answer the progress query of a running review. */
  queryTimeoutMs: number;
}

/** Describes a review's workflow, or throws a 404 problem when there is no such review. */
export async function describeReview(client: Client, id: string): Promise<WorkflowExecutionDescription> {
  try {
    const description = await client.workflow.getHandle(id).describe();
    if (description.type === reviewWorkflowType) return description;
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
  throw new HttpProblem(404, ProblemType.reviewNotFound, 'Review not found', `There is no review with id ${id}`);
}

/**
 * The state of a review this gateway has just started: what {@link loadReview} would read back for
 * it, built from what the start sent, so a new review costs one Temporal call instead of two.
 * `createdAt` is when the gateway called Temporal; the server's start time, which GET shows, is
 * later by part of that call's round trip.
 */
export function queuedReview(id: string, source: ReviewSource, createdAt: Date): ReviewView {
  return {
    id,
    status: 'queued',
    createdAt: createdAt.toISOString(),
    findings: [],
    progressAvailable: false,
    repository: reviewRepository(source),
    source,
  };
}

/**
 * The state of one review: the execution status and search attributes from `describe()`, merged
 * with the progress query while it runs or with its typed result once it ended. A running review
 * whose workers are all down still answers, with `progressAvailable: false`.
 */
export async function loadReview(client: Client, id: string, options: LoadReviewOptions): Promise<ReviewView> {
  // describe() first, the progress query only for a review that runs: a query fired alongside and
  // dropped once describe() shows a queued or ended review is not really dropped — the client's
  // retry interceptor may still be retrying it after the request (and even the connection) ended.
  const description = await describeReview(client, id);
  const handle = client.workflow.getHandle<(input: ReviewInput) => Promise<ReviewReport>>(id);
  const status = reviewStatusOf(
    description.status.name,
    description.typedSearchAttributes.get(ReviewSearchAttribute.status),
  );
  const view: ReviewView = {
    id,
    status,
    createdAt: description.startTime.toISOString(),
    findings: [],
    progressAvailable: false,
  };
  const repository = description.typedSearchAttributes.get(ReviewSearchAttribute.repository);
  if (repository !== undefined) view.repository = repository;
  if (description.closeTime) view.closedAt = description.closeTime.toISOString();
  const source = (description.memo as { source?: ReviewView['source'] } | undefined)?.source;
  if (source) view.source = source;

  if (status === 'completed' || status === 'rejected') {
    const report = await handle.result();
    return {
      ...view,
      stage: report.outcome,
      source: report.source,
      counts: {
        ...report.counts,
        chunksEmbedded: report.counts.chunks,
        chunksReviewed: report.counts.chunks,
        findings: report.findings.length + report.findingsOmitted,
      },
      findings: report.findings,
      findingsOmitted: report.findingsOmitted,
      coverage: report.coverage,
      reviewer: report.reviewer,
      embedder: report.embedder,
      ...(report.ai ? { ai: report.ai } : {}),
      ...(report.approval
        ? {
            approval: {
              required: true,
              state: report.approval.decision === 'approve' ? 'approved' : 'rejected',
              decision: report.approval,
            },
          }
        : { approval: { required: false, state: 'not_required' } }),
      progressAvailable: true,
    };
  }
  if (status === 'failed' || status === 'cancelled') {
    try {
      await handle.result();
    } catch (err) {
      if (status === 'failed') view.failure = failureOf(err);
    }
    return view;
  }
  // A queued review has not run its first workflow task: there is no progress yet, and a query
  // would wait for a worker to pick the workflow up (hundreds of ms on every POST /reviews).
  if (status === 'queued') return view;
  const answer = await queryProgress(client, id, options.queryTimeoutMs);
  if (!answer) return view;
  return {
    ...view,
    stage: answer.stage,
    counts: answer.counts,
    findings: answer.findings,
    findingsOmitted: answer.counts.findings - answer.findings.length,
    ...(answer.coverage ? { coverage: answer.coverage } : {}),
    ...(answer.reviewer ? { reviewer: answer.reviewer } : {}),
    ...(answer.embedder ? { embedder: answer.embedder } : {}),
    ...(answer.ai ? { ai: answer.ai } : {}),
    approval: answer.approval,
    progressAvailable: true,
  };
}

// A query needs a worker to replay the workflow; when none answers in time the caller still gets
// the status from describe() instead of a hanging request.
async function queryProgress(client: Client, id: string, timeoutMs: number): Promise<ReviewProgress | undefined> {
  try {
    return await client.withAbortSignal(AbortSignal.timeout(timeoutMs), () =>
      client.workflow.getHandle(id).query(progressQuery),
    );
  } catch {
    return undefined;
  }
}
