import type { CpuActivities } from '@reviewflow/activities';
import { continueAsNew, executeChild, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  orgProgressQuery,
  orgChildReviewId,
  OrgReviewLimits,
  reviewRepository,
  ReviewSearchAttribute,
  tierTaskQueue,
  type OrgReviewCarry,
  type OrgReviewInput,
  type OrgReviewResult,
} from '@reviewflow/contract';
import { activityRetryPolicy } from './activity-retry-policy.js';
import { failureReason } from './failure-reason.js';
import { reviewPullRequest } from './review-pull-request.js';

const { raiseOrgAlert } = proxyActivities<CpuActivities>({
  startToCloseTimeout: '1 minute',
  retry: activityRetryPolicy,
});

/**
 * Reviews many repositories of one organisation: one child `reviewPullRequest` per repository on
 * the tier's task queue, a bounded number at once. Failed children are counted, not fatal; when
 * more than a quarter of the repositories failed an alert activity runs (once). Long batches hand
 * the rest of their work to a new run (continue-as-new) before the history grows past the
 * threshold or Temporal suggests it, carrying their counts along. The function name is the
 * persisted workflow type.
 */
export async function reviewOrganization(input: OrgReviewInput): Promise<OrgReviewResult> {
  const { workflowId } = workflowInfo();
  const taskQueue = tierTaskQueue(input.tier);
  const total = input.repositories.length;
  const parallel = Math.max(
    1,
    Math.min(input.maxParallelReviews ?? OrgReviewLimits.defaultParallelReviews, OrgReviewLimits.maxParallelReviews),
  );
  const threshold = input.historyEventsThreshold ?? OrgReviewLimits.defaultHistoryEventsThreshold;
  const carry: OrgReviewCarry = input.carry ?? {
    next: 0,
    completed: 0,
    failed: 0,
    failures: [],
    alerted: false,
    continuedRuns: 0,
  };
  let running = 0;

  setHandler(orgProgressQuery, () => ({
    org: input.org,
    tier: input.tier,
    taskQueue,
    total,
    completed: carry.completed,
    failed: carry.failed,
    running,
    pending: total - carry.next,
    alerted: carry.alerted,
    continuedRuns: carry.continuedRuns,
    failures: carry.failures,
  }));

  // Reads the live history length: a run stops taking new repositories once it is long enough.
  const historyIsLong = (): boolean => {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength >= threshold;
  };

  const lane = async (): Promise<void> => {
    while (carry.next < total && !historyIsLong()) {
      const index = carry.next++;
      const repository = input.repositories[index]!;
      const reviewId = orgChildReviewId(workflowId, index);
      running++;
      try {
        await executeChild(reviewPullRequest, {
          workflowId: reviewId,
          taskQueue,
          args: [{ source: repository }],
          typedSearchAttributes: [
            { key: ReviewSearchAttribute.repository, value: reviewRepository(repository) },
            { key: ReviewSearchAttribute.status, value: 'queued' },
          ],
        });
        carry.completed++;
      } catch (err) {
        carry.failed++;
        if (carry.failures.length < OrgReviewLimits.maxListedFailures) {
          carry.failures.push({
            index,
            repository: reviewRepository(repository),
            reviewId,
            reason: failureReason(err),
          });
        }
        if (!carry.alerted && carry.failed * 4 > total) {
          carry.alerted = true;
          await raiseOrgAlert({
            org: input.org,
            tier: input.tier,
            total,
            failed: carry.failed,
            failures: carry.failures.map(({ repository: r, reviewId: id, reason }) => ({
              repository: r,
              reviewId: id,
              reason,
            })),
          });
        }
      } finally {
        running--;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, total - carry.next) }, lane));

  if (carry.next < total) {
    // Every child of this run has finished, so nothing is left behind in the old history.
    await continueAsNew<typeof reviewOrganization>({
      ...input,
      carry: { ...carry, continuedRuns: carry.continuedRuns + 1 },
    });
  }
  return {
    org: input.org,
    tier: input.tier,
    taskQueue,
    total,
    completed: carry.completed,
    failed: carry.failed,
    alerted: carry.alerted,
    continuedRuns: carry.continuedRuns,
    failures: carry.failures,
  };
}
