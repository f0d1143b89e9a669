import { randomUUID } from 'node:crypto';
import {
  approvalUpdate,
  progressQuery,
  reviewStartOptions,
  reviewWorkflowType,
  type ApprovalRequest,
  type ReviewInput,
} from '@reviewflow/contract';

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

  /** The same start as `POST /reviews` makes (`reviewStartOptions`), in the HTTP API's JSON. */
  async startReview(input: ReviewInput): Promise<void> {
    const start = reviewStartOptions(input);
    await this.post(`/workflows/${encodeURIComponent(start.workflowId)}`, {
      workflowType: { name: reviewWorkflowType },
      taskQueue: { name: start.taskQueue },
      input: start.args,
      requestId: randomUUID(),
      workflowIdConflictPolicy: `WORKFLOW_ID_CONFLICT_POLICY_${start.workflowIdConflictPolicy}`,
      workflowIdReusePolicy: `WORKFLOW_ID_REUSE_POLICY_${start.workflowIdReusePolicy}`,
      memo: { fields: start.memo },
      searchAttributes: {
        indexedFields: Object.fromEntries(start.typedSearchAttributes.map(({ key, value }) => [key.name, value])),
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
