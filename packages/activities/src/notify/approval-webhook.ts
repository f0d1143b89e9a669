/** Where approval notifications go (worker-cpu configuration). */
export interface ApprovalWebhook {
  url: string;
  /** `slack`: an incoming-webhook `{ text }` (the URL is the secret); `json`: a signed generic event. */
  format: 'slack' | 'json';
  /** HMAC key of the `json` format's signature; unsigned without one. */
  secret?: string;
}

/** What a review waiting for approval tells its approvers. */
export interface ApprovalNotification {
  reviewId: string;
  repository: string;
  /** The signed approval link (GET shows the page, POST decides). */
  approvalUrl: string;
  expiresAt: string;
  files: number;
  findings: number;
  /** Findings per severity, e.g. `{ high: 2, low: 1 }`. */
  bySeverity: Record<string, number>;
}
