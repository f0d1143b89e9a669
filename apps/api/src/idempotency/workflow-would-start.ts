import { WorkflowNotFoundError, type Client } from '@temporalio/client';

// Closed states after which ALLOW_DUPLICATE_FAILED_ONLY lets the same id start again.
const restartable = new Set(['FAILED', 'CANCELLED', 'TERMINATED', 'TIMED_OUT']);

/**
 * Whether starting a workflow with this id and reuse policy ALLOW_DUPLICATE_FAILED_ONLY would
 * create a run (true) or find the existing one (false).
 */
export async function workflowWouldStart(client: Client, id: string): Promise<boolean> {
  try {
    const description = await client.workflow.getHandle(id).describe();
    return restartable.has(description.status.name);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return true;
    throw err;
  }
}
