/** Stable problem types (RFC 9457 `type` URIs) of every failure the API reports. */
export const ProblemType = {
  validation: 'https://reviewflow.dev/problems/validation',
  unauthorized: 'https://reviewflow.dev/problems/unauthorized',
  forbidden: 'https://reviewflow.dev/problems/forbidden',
  idempotencyKeyReused: 'https://reviewflow.dev/problems/idempotency-key-reused',
  idempotencyKeyInProgress: 'https://reviewflow.dev/problems/idempotency-key-in-progress',
  approvalLinkInvalid: 'https://reviewflow.dev/problems/approval-link-invalid',
  approvalLinkExpired: 'https://reviewflow.dev/problems/approval-link-expired',
  notFound: 'https://reviewflow.dev/problems/not-found',
  reviewNotFound: 'https://reviewflow.dev/problems/review-not-found',
  gitNotARepository: 'https://reviewflow.dev/problems/git-not-a-repository',
  gitUnknownRevision: 'https://reviewflow.dev/problems/git-unknown-revision',
  reviewClosed: 'https://reviewflow.dev/problems/review-closed',
  approvalNotAccepted: 'https://reviewflow.dev/problems/approval-not-accepted',
  methodNotAllowed: 'https://reviewflow.dev/problems/method-not-allowed',
  payloadTooLarge: 'https://reviewflow.dev/problems/payload-too-large',
  unsupportedMediaType: 'https://reviewflow.dev/problems/unsupported-media-type',
  temporalUnavailable: 'https://reviewflow.dev/problems/temporal-unavailable',
  githubPullRequestNotFound: 'https://reviewflow.dev/problems/github-pull-request-not-found',
  githubUnavailable: 'https://reviewflow.dev/problems/github-unavailable',
  webhookSignatureInvalid: 'https://reviewflow.dev/problems/webhook-signature-invalid',
  internal: 'https://reviewflow.dev/problems/internal',
  rateLimited: 'https://reviewflow.dev/problems/rate-limited',
  overloaded: 'https://reviewflow.dev/problems/overloaded',
  deadlineExceeded: 'https://reviewflow.dev/problems/deadline-exceeded',
  shuttingDown: 'https://reviewflow.dev/problems/shutting-down',
  requestTimeout: 'https://reviewflow.dev/problems/request-timeout',
} as const;
export type ProblemType = (typeof ProblemType)[keyof typeof ProblemType];

/** An error that becomes an `application/problem+json` response with its status and type. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: ProblemType,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }
}
