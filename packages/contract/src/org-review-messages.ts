import { defineQuery } from '@temporalio/workflow';
import type { OrgReviewProgress } from './org-review-types.js';

/** Aggregate progress of an organisation run: completed, failed, running and pending reviews. */
export const orgProgressQuery = defineQuery<OrgReviewProgress>('orgProgress');
