import { randomUUID } from 'node:crypto';
import {
  approvalUpdate,
  progressQuery,
  ReviewSearchAttribute,
  reviewRepository,
  reviewWorkflowId,
  reviewWorkflowType,
  TaskQueue,
  type ApprovalRequest,
  type ReviewInput,
} from '@reviewflow/workflows';

/**
 * Temporal's own HTTP API (the frontend's `--http-port`, `/api/v1/...`): what a CI job would call
 * without reviewflow. No validation, no authentication, no revision lookup: the peer the gateway
 * is measured against. Payloads go in the API's shorthand (plain JSON values become `json/plain`
 * payloads), which is what the SDK's default converter reads.
 */
export class TemporalHttpApi {
  constructor(
    private readonly base: string,
    private readonly namespace = 'default',
  ) {}

  /** The same start as `startReviewDirectly`: type, id, task queue, memo and search attributes. */
  async startReview(input: ReviewInput): Promise<void> {
    const id = reviewWorkflowId(input.source);
    await this.post(`/workflows/${encodeURIComponent(id)}`, {
      workflowType: { name: reviewWorkflowType },
      taskQueue: { name: TaskQueue.cpu },
      input: [input],
      requestId: randomUUID(),
      workflowIdConflictPolicy: 'WORKFLOW_ID_CONFLICT_POLICY_FAIL',
      workflowIdReusePolicy: 'WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY',
      memo: { fields: { source: input.source } },
      searchAttributes: {
        indexedFields: {
          [ReviewSearchAttribute.repository.name]: reviewRepository(input.source),
          [ReviewSearchAttribute.status.name]: 'queued',
        },
      },
    });
  }

  /** The progress query, as `GET /reviews/:id` of a running review makes it. */
  async progress(id: string): Promise<unknown> {
    const answer = await this.post(`/workflows/${encodeURIComponent(id)}/query/${progressQuery.name}`, {});
    return answer.queryResult;
  }

  /** The approval update, waiting for its result as `POST /reviews/:id/approval` does. */
  async approve(id: string, request: ApprovalRequest): Promise<unknown> {
    const answer = await this.post(`/workflows/${encodeURIComponent(id)}/update/${approvalUpdate.name}`, {
      request: { meta: { updateId: randomUUID() }, input: { args: [request] } },
      waitPolicy: { lifecycleStage: 'UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED' },
    });
    const outcome = answer.outcome as { success?: unknown; failure?: unknown } | undefined;
    if (outcome?.failure !== undefined) throw new Error(`approval update failed: ${JSON.stringify(outcome.failure)}`);
    return outcome?.success;
  }

  private async post(path: string, body: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.base}/api/v1/namespaces/${encodeURIComponent(this.namespace)}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Temporal HTTP API ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as Record<string, unknown>;
  }
}
