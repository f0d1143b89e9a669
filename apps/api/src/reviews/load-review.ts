import {
  ReviewSearchAttribute,
  progressQuery,
  reviewRepository,
  reviewWorkflowType,
  type ReviewInput,
  type ReviewProgress,
  type ReviewReport,
  type ReviewSource,
} from '@reviewflow/contract';
import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import { HttpProblem, ProblemType } from '../http-problem.js';
import type { ReviewView } from '../schemas/review-schemas.js';
import { failureOf } from './failure-of.js';
import { openWorkflowQueryClient } from './open-workflow-query-client.js';
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
  throw reviewNotFound(id);
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
 * The state of one review. A running review is one Temporal call: the progress query, whose answer
 * carries its status, start time, repository and source too. Only when that query does not answer
 * for a running review — the review ended (Temporal rejects the query, see
 * {@link openWorkflowQueryClient}), its workflow has not started a task yet and no worker takes it,
 * every worker is down, the id names another workflow type, or an older worker answers without
 * those fields — does it fall back to `describe()`, merged with the typed result of an ended review.
 * A running review whose workers are all down still answers, with `progressAvailable: false`.
 */
export async function loadReview(client: Client, id: string, options: LoadReviewOptions): Promise<ReviewView> {
  // The query comes first and alone, and it is always awaited: a query fired alongside describe()
  // and dropped was still being retried after the request (and even the connection) had ended.
  const answer = await queryProgress(client, id, options.queryTimeoutMs);
  if (answer && isComplete(answer)) {
    return {
      ...progressView(answer),
      id,
      status: answer.status,
      createdAt: answer.startedAt,
      repository: answer.repository,
      ...(answer.source ? { source: answer.source } : {}),
    };
  }
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
      ...(report.reviewers ? { reviewers: report.reviewers } : {}),
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
  // A queued review has no progress to show yet. A running one shows the answer of an older worker
  // (no second query: one that did not answer in time would only wait as long again).
  if (status === 'queued' || !answer) return view;
  return { ...view, ...progressView(answer) };
}

type CompleteProgress = ReviewProgress & Required<Pick<ReviewProgress, 'status' | 'startedAt' | 'repository'>>;

// Answers of workers built before these fields were added lack them (a rolling deploy).
function isComplete(answer: ReviewProgress): answer is CompleteProgress {
  return answer.status !== undefined && answer.startedAt !== undefined && answer.repository !== undefined;
}

function progressView(answer: ReviewProgress) {
  return {
    stage: answer.stage,
    counts: answer.counts,
    findings: answer.findings,
    findingsOmitted: answer.counts.findings - answer.findings.length,
    ...(answer.coverage ? { coverage: answer.coverage } : {}),
    ...(answer.reviewer ? { reviewer: answer.reviewer } : {}),
    ...(answer.reviewers ? { reviewers: answer.reviewers } : {}),
    ...(answer.embedder ? { embedder: answer.embedder } : {}),
    ...(answer.ai ? { ai: answer.ai } : {}),
    approval: answer.approval,
    progressAvailable: true,
  } satisfies Partial<ReviewView>;
}

/**
 * The progress query of an open review, or undefined when it gives no answer: the review ended
 * (rejected by Temporal without a worker), no worker answered within `timeoutMs` (none runs, or the
 * review's first workflow task is still waiting for one: Temporal holds such a query until that task
 * completes), or the id names a workflow without the query. An unknown id is a 404 at once.
 */
async function queryProgress(client: Client, id: string, timeoutMs: number): Promise<ReviewProgress | undefined> {
  // A gRPC deadline rather than an abort signal: the SDK's retry interceptor does not see an abort
  // while it waits between attempts (Temporal unreachable), and went on retrying until Temporal was
  // back (a chaos run's GET took 15 s with a 3 s timeout); each new attempt carries the deadline
  // and ends at once past it. The timer answers the request on time even then; the call's late
  // end is dropped.
  const query = client.withDeadline(Date.now() + timeoutMs, () =>
    openWorkflowQueryClient(client).getHandle(id).query(progressQuery),
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, timeoutMs + 50, undefined);
  });
  try {
    return await Promise.race([query, late]);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw reviewNotFound(id);
    return undefined;
  } finally {
    clearTimeout(timer);
    query.catch(() => undefined);
  }
}

function reviewNotFound(id: string): HttpProblem {
  return new HttpProblem(404, ProblemType.reviewNotFound, 'Review not found', `There is no review with id ${id}`);
}
