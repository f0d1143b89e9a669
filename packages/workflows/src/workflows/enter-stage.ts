import { upsertSearchAttributes } from '@temporalio/workflow';
import { ReviewSearchAttribute, type ReviewProgress, type ReviewStage, type ReviewStatus } from '@reviewflow/contract';

/** Moves the review to `stage` and its `ReviewStatus` search attribute to `status`. */
export function enterStage(progress: ReviewProgress, stage: ReviewStage, status: ReviewStatus = 'running'): void {
  progress.stage = stage;
  upsertSearchAttributes([{ key: ReviewSearchAttribute.status, value: status }]);
}
