import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '@reviewflow/contract';
import type { ApprovalNotification, ApprovalWebhook } from './approval-webhook.js';
import { signWebhookBody } from './sign-webhook-body.js';

function summaryText(n: ApprovalNotification): string {
  const severities = Object.entries(n.bySeverity)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`)
    .join(', ');
  return `Review ${n.reviewId} of ${n.repository} waits for approval: ${n.files} files, ${n.findings} findings${severities ? ` (${severities})` : ''}.`;
}

/** The request body for a webhook format: Slack's incoming-webhook JSON or the generic event. */
export function approvalNotificationBody(webhook: ApprovalWebhook, n: ApprovalNotification): string {
  if (webhook.format === 'slack') {
    return JSON.stringify({
      text: `${summaryText(n)} <${n.approvalUrl}|Approve or reject> (link expires ${n.expiresAt})`,
    });
  }
  return JSON.stringify({ type: 'review.awaiting_approval', summary: summaryText(n), ...n });
}

/**
 * POSTs one approval notification. Idempotent for the receiver: every attempt carries the same
 * `idempotency-key` (from workflow and activity ids), so a retry after a lost answer can be
 * dropped. A 4xx other than 408/429 means the webhook is misconfigured and is not retried; network
 * errors, 408, 429 and 5xx are thrown for Temporal to retry with backoff.
 */
export async function deliverApprovalNotification(
  webhook: ApprovalWebhook,
  notification: ApprovalNotification,
  idempotencyKey: string,
  { timeoutMs = 10_000, now = () => Date.now() }: { timeoutMs?: number; now?: () => number } = {},
): Promise<{ status: number }> {
  const body = approvalNotificationBody(webhook, notification);
  const timestamp = Math.floor(now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': idempotencyKey,
    'user-agent': 'reviewflow',
  };
  if (webhook.format === 'json' && webhook.secret) {
    headers['x-reviewflow-timestamp'] = String(timestamp);
    headers['x-reviewflow-signature'] = signWebhookBody(webhook.secret, timestamp, body);
  }
  const response = await fetch(webhook.url, {
    method: 'POST',
    headers,
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  const { status } = response;
  if (status >= 200 && status < 300) return { status };
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    throw ApplicationFailure.create({
      type: FailureType.NotificationRejected,
      message: `the approval webhook answered ${status}`,
      nonRetryable: true,
    });
  }
  throw new Error(`the approval webhook answered ${status}`);
}
