import type { CpuActivityDeps } from '@reviewflow/activities';
import { approvalLinkPath } from '@reviewflow/contract/approval-link-token';
import type { CpuWorkerConfig } from './config.js';

/**
 * The approval-notification settings of the CPU activities, or none without a webhook. Links are
 * signed here with the secret the API verifies them with; without a public API URL they would be
 * relative and useless in a chat message, so a webhook needs both.
 */
export function approvalNotificationsOf(config: CpuWorkerConfig): CpuActivityDeps['approvalNotifications'] {
  const url = config.REVIEWFLOW_APPROVAL_WEBHOOK_URL;
  if (!url) return undefined;
  const secret = config.REVIEWFLOW_APPROVAL_LINK_SECRET;
  const publicUrl = config.REVIEWFLOW_PUBLIC_API_URL;
  if (!secret || !publicUrl) {
    throw new Error(
      'REVIEWFLOW_APPROVAL_WEBHOOK_URL needs REVIEWFLOW_APPROVAL_LINK_SECRET and REVIEWFLOW_PUBLIC_API_URL',
    );
  }
  const base = publicUrl.replace(/\/+$/, '');
  return {
    webhook: {
      url,
      format: config.REVIEWFLOW_APPROVAL_WEBHOOK_FORMAT,
      ...(config.REVIEWFLOW_APPROVAL_WEBHOOK_SECRET ? { secret: config.REVIEWFLOW_APPROVAL_WEBHOOK_SECRET } : {}),
    },
    linkFor(reviewId, deadline) {
      const { path, expiresAt } = approvalLinkPath(secret, reviewId, deadline);
      return { url: `${base}${path}`, expiresAt };
    },
  };
}
