import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reviewLogAttributes } from '../src/review-log-attributes.js';

describe('reviewLogAttributes', () => {
  it('names the review of workflow and activity lines of a review workflow', () => {
    const meta = { workflowId: 'review:git:x@a..b', workflowType: 'reviewPullRequest', activityType: 'reviewChunk' };
    assert.deepEqual(reviewLogAttributes(meta), { reviewId: 'review:git:x@a..b', ...meta });
  });

  it('leaves lines about anything else alone', () => {
    const other = { workflowId: 'other', workflowType: 'somethingElse' };
    assert.equal(reviewLogAttributes(other), other);
    const worker = { sdkComponent: 'worker', taskQueue: 'reviewflow-cpu' };
    assert.equal(reviewLogAttributes(worker), worker);
  });
});
