import { upsertSearchAttributes } from '@temporalio/workflow';
import { ReviewSearchAttribute } from '../review-search-attributes.js';
import type { ReviewProgress, ReviewStage, ReviewStatus } from '../review-types.js';

/** Moves the review to `stage` and its `ReviewStatus` search attribute to `status`. */
export function enterStage(progress: ReviewProgress, stage: ReviewStage, status: ReviewStatus = 'running'): void {
  progress.stage = stage;
  upsertSearchAttributes([{ key: ReviewSearchAttribute.status, value: status }]);
}
