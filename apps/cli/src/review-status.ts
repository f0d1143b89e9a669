import type { ExhaustiveList } from './exhaustive-list.js';
import type { ReviewView } from './review-view.js';

/** Where a review is in its life. */
export type ReviewStatus = ReviewView['status'];

const reviewStatusList = [
  'queued',
  'running',
  'awaiting_approval',
  'completed',
  'rejected',
  'failed',
  'cancelled',
] as const satisfies readonly ReviewStatus[];

/** Every status of a review (`reviewflow list --status`). */
export const reviewStatuses: ExhaustiveList<ReviewStatus, typeof reviewStatusList> = reviewStatusList;

/** Whether `value` names a review status. */
export function isReviewStatus(value: string): value is ReviewStatus {
  return (reviewStatuses as readonly string[]).includes(value);
}

/** Statuses after which a review changes no more. */
export const terminalStatuses: ReadonlySet<ReviewStatus> = new Set<ReviewStatus>([
  'completed',
  'rejected',
  'failed',
  'cancelled',
]);
