import { Context } from '@temporalio/activity';
import type { ArtifactStore } from '../store/artifact-store.js';
import { reviewArtifactKey } from '../store/review-artifact-key.js';

/** What an organisation-run alert says. */
export interface OrgAlert {
  org: string;
  tier: string;
  total: number;
  failed: number;
  failures: { repository: string; reviewId: string; reason: string }[];
}

/**
 * Raises the alert of an organisation run whose failures passed a quarter of its repositories: an
 * error log line operators alert on, and an alert record stored once per run. The record is keyed by
 * the workflow id alone (not the run id), so the batch alerts once even across continue-as-new runs
 * and retries.
 */
export async function raiseOrgAlert(store: ArtifactStore, alert: OrgAlert): Promise<{ ref: string; created: boolean }> {
  const ctx = Context.current();
  const workflowId = ctx.info.workflowExecution?.workflowId ?? 'standalone';
  const result = await store.put(reviewArtifactKey(workflowId, 'org-alert.json'), {
    ...alert,
    raisedAt: new Date().toISOString(),
  });
  if (result.created) {
    ctx.log.error('organisation run: more than a quarter of the reviews failed', {
      org: alert.org,
      tier: alert.tier,
      failed: alert.failed,
      total: alert.total,
      workflowId,
    });
  }
  return result;
}
