import type { Client } from '@temporalio/client';
import { HttpProblem, ProblemType } from '../http-problem.js';
import { describeReview } from './load-review.js';

/** Requests cancellation of a running review; its workflow then cancels the step in flight and ends `cancelled`. */
export async function cancelReview(client: Client, id: string): Promise<void> {
  const description = await describeReview(client, id);
  if (description.status.name !== 'RUNNING') {
    throw new HttpProblem(409, ProblemType.reviewClosed, 'Review already ended', `Review ${id} has already ended`);
  }
  await client.workflow.getHandle(id).cancel();
}
