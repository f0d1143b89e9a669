import { ReviewSearchAttribute, reviewWorkflowType, type ReviewStatus } from '@reviewflow/contract';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Client } from '@temporalio/client';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes.js';
import proto, { type google } from '@temporalio/proto';
import { HttpProblem, ProblemType } from '../http-problem.js';
import type { ReviewSummary } from '../schemas/review-schemas.js';
import { isTemporalRefusedInput } from '../temporal/temporal-refused-input.js';
import { unwrapListPageToken, wrapListPageToken } from './list-page-token.js';
import { reviewStatusOf, visibilityFilterOf } from './review-status-of.js';

/** Filters and page of `GET /reviews`. */
export interface ListReviewsQuery {
  status?: ReviewStatus;
  repository?: string;
  pageSize: number;
  pageToken?: string;
}

// @temporalio/proto is CommonJS whose exports Node cannot list statically: use its default export.
const { temporal } = proto;
const statusPrefix = 'WORKFLOW_EXECUTION_STATUS_';

const invalidPageToken = (): HttpProblem =>
  new HttpProblem(
    400,
    ProblemType.validation,
    'Invalid page token',
    'pageToken is not a token this API issued for these filters: start again without it',
  );

const isRefusalOfToken = (err: unknown): boolean =>
  isTemporalRefusedInput(err as { code?: unknown }) || (err as { code?: unknown }).code === GrpcStatus.UNKNOWN;

function timestampToIso(ts: google.protobuf.ITimestamp | null | undefined): string | undefined {
  if (ts?.seconds === undefined || ts.seconds === null) return undefined;
  return new Date(Number(ts.seconds) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6)).toISOString();
}

/**
 * Lists reviews through Temporal visibility, newest first. The raw list call is used because it
 * exposes the page token, which becomes the opaque, checksummed `nextPageToken` of the API (see
 * list-page-token.ts): a token that is not one is a 400 before Temporal is asked.
 */
export async function listReviews(
  client: Client,
  namespace: string,
  query: ListReviewsQuery,
): Promise<{ reviews: ReviewSummary[]; nextPageToken?: string }> {
  const clauses = [`WorkflowType = '${reviewWorkflowType}'`];
  if (query.status) clauses.push(visibilityFilterOf(query.status));
  // The schema forbids quotes, backslashes and control characters in `repository`, so it cannot
  // break out of the literal nor stall the visibility store.
  if (query.repository !== undefined) clauses.push(`ReviewRepository = '${query.repository}'`);
  const scope = { status: query.status, repository: query.repository };
  let nextPageToken: Uint8Array | undefined;
  if (query.pageToken !== undefined) {
    nextPageToken = unwrapListPageToken(scope, query.pageToken);
    if (nextPageToken === undefined) throw invalidPageToken();
  }
  let response: proto.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
  try {
    response = await client.workflowService.listWorkflowExecutions({
      namespace,
      query: clauses.join(' AND '),
      pageSize: query.pageSize,
      ...(nextPageToken ? { nextPageToken } : {}),
    });
  } catch (err) {
    // The checksum matched, so this token was forged on purpose or has outlived Temporal's state:
    // whatever Temporal's refusal says (its masked UNKNOWN included, which is not retried for this
    // call, see grpc-retry-interceptor.ts), the token is at fault.
    if (nextPageToken && isRefusalOfToken(err)) throw invalidPageToken();
    throw err;
  }
  const reviews = response.executions.map((execution): ReviewSummary => {
    const attributes = decodeTypedSearchAttributes(execution.searchAttributes?.indexedFields);
    const statusName = temporal.api.enums.v1.WorkflowExecutionStatus[execution.status ?? 0] ?? '';
    const summary: ReviewSummary = {
      id: execution.execution?.workflowId ?? '',
      status: reviewStatusOf(statusName.replace(statusPrefix, ''), attributes.get(ReviewSearchAttribute.status)),
      createdAt: timestampToIso(execution.startTime) ?? new Date(0).toISOString(),
    };
    const repository = attributes.get(ReviewSearchAttribute.repository);
    if (repository !== undefined) summary.repository = repository;
    const closedAt = timestampToIso(execution.closeTime);
    if (closedAt) summary.closedAt = closedAt;
    return summary;
  });
  return response.nextPageToken?.length
    ? { reviews, nextPageToken: wrapListPageToken(scope, response.nextPageToken) }
    : { reviews };
}
