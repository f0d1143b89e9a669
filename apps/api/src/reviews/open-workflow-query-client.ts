import { WorkflowClient, type Client } from '@temporalio/client';

const twins = new WeakMap<Client, WorkflowClient>();

/**
 * The workflow client of `client` — same connection, namespace, identity, data converter and
 * interceptors — but with `queryRejectCondition: NOT_OPEN`: Temporal answers a query to a closed
 * workflow at once with a rejection that names its status, instead of having a worker replay the
 * whole history to answer it. The TypeScript SDK sets this per client, not per query, hence a twin;
 * one per client, made on first use, so every caller of `buildApp` gets it without wiring.
 */
export function openWorkflowQueryClient(client: Client): WorkflowClient {
  let twin = twins.get(client);
  if (!twin) {
    twin = new WorkflowClient({ ...client.workflow.options, queryRejectCondition: 'NOT_OPEN' });
    twins.set(client, twin);
  }
  return twin;
}
