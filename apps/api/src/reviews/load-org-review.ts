import {
  orgProgressQuery,
  orgReviewWorkflowType,
  type OrgReviewInput,
  type OrgReviewProgress,
  type OrgReviewResult,
} from '@reviewflow/contract';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { HttpProblem, ProblemType } from '../http-problem.js';
import type { OrgReviewView } from '../schemas/org-review-schemas.js';
import { failureOf } from './failure-of.js';

/**
 * The state of an organisation run: aggregate counts from its progress query while it runs (the
 * handle follows continue-as-new to the current run) or from its result once it ended.
 */
export async function loadOrgReview(
  client: Client,
  org: string,
  id: string,
  queryTimeoutMs: number,
): Promise<OrgReviewView> {
  const handle = client.workflow.getHandle<(input: OrgReviewInput) => Promise<OrgReviewResult>>(id);
  let description;
  try {
    description = await handle.describe();
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
  if (!description || description.type !== orgReviewWorkflowType || !id.startsWith(`org:${org}:`)) {
    throw new HttpProblem(
      404,
      ProblemType.reviewNotFound,
      'Organisation run not found',
      `There is no run ${id} of ${org}`,
    );
  }
  const base = { id, createdAt: description.startTime.toISOString() };
  switch (description.status.name) {
    case 'COMPLETED': {
      const result = await handle.result();
      return { ...base, status: 'completed', ...result, running: 0, pending: 0 };
    }
    case 'RUNNING':
    case 'CONTINUED_AS_NEW': {
      let progress: OrgReviewProgress | undefined;
      try {
        progress = await client.withAbortSignal(AbortSignal.timeout(queryTimeoutMs), () =>
          handle.query(orgProgressQuery),
        );
      } catch {
        // No worker answered in time: the status alone is still true.
      }
      return progress ? { ...base, status: 'running', ...progress } : { ...base, status: 'running' };
    }
    case 'CANCELLED':
      return { ...base, status: 'cancelled' };
    default: {
      const failure = await handle.result().then(
        () => undefined,
        (err: unknown) => failureOf(err),
      );
      return { ...base, status: 'failed', ...(failure ? { failure } : {}) };
    }
  }
}
