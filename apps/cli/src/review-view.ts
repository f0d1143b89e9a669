/**
 * The parts of the reviewflow HTTP API the CLI reads (openapi.yaml is the full contract). The CLI
 * talks HTTP only, so it keeps its own copy instead of importing the server's workspace packages.
 */

/** Severity of a finding, lowest first. */
export const severities = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

export interface Finding {
  file: string;
  line: number;
  rule: string;
  severity: Severity;
  message: string;
}

export interface ComponentInfo {
  name: string;
  offline: boolean;
  description: string;
}

export interface ApprovalState {
  required: boolean;
  state: 'not_required' | 'pending' | 'waiting' | 'approved' | 'rejected';
  deadline?: string;
  decision?: { decision: 'approve' | 'reject'; reason?: string; approver?: string; decidedAt: string };
}

/** `GET /reviews/:id`, and the data of every `progress` event of `GET /reviews/:id/events`. */
export interface ReviewView {
  id: string;
  status: 'queued' | 'running' | 'awaiting_approval' | 'completed' | 'rejected' | 'failed' | 'cancelled';
  stage?: string;
  repository?: string;
  source?: Record<string, unknown> & { kind: string };
  createdAt: string;
  closedAt?: string;
  counts?: {
    files: number;
    additions: number;
    deletions: number;
    chunks: number;
    chunksEmbedded: number;
    chunksReviewed: number;
    findings: number;
  };
  findings: Finding[];
  findingsOmitted?: number;
  reviewer?: ComponentInfo;
  embedder?: ComponentInfo;
  approval?: ApprovalState;
  failure?: { type: string; message: string };
  progressAvailable: boolean;
}

/** One row of `GET /reviews`. */
export interface ReviewSummary {
  id: string;
  status: ReviewView['status'];
  repository?: string;
  createdAt: string;
  closedAt?: string;
}

/** Every status of a review (`reviewflow list --status`). */
export const reviewStatuses: readonly string[] = [
  'queued',
  'running',
  'awaiting_approval',
  'completed',
  'rejected',
  'failed',
  'cancelled',
];

/** Statuses after which a review changes no more. */
export const terminalStatuses: ReadonlySet<string> = new Set(['completed', 'rejected', 'failed', 'cancelled']);
