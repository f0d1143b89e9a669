import {
  approvalSignal,
  approvalUpdate,
  reviewRepository,
  ReviewLimits,
  type ApprovalRecord,
  type ApprovalRequest,
  type ApprovalState,
  type ReviewInput,
  type ReviewProgress,
} from '@reviewflow/contract';
import { condition, patched, setHandler } from '@temporalio/workflow';
import { enterStage } from './enter-stage.js';
import { cpu } from './review-activities.js';

/** The gate of one review: its decision so far, and the wait for one. */
export interface ApprovalGate {
  /** The decision, once one was made (also one that came before the gate was reached). */
  readonly decision: ApprovalRecord | undefined;
  /**
   * Waits at the gate until a decision or the timeout (a rejection with reason "timeout"); at once
   * when the review has no gate or was decided already. `findingsSeen` goes into the notification.
   */
  wait(findingsSeen: number): Promise<void>;
}

/** The approval state a review starts with. */
export function initialApproval(input: ReviewInput): ApprovalState {
  return input.approval?.required
    ? { required: true, state: 'pending', timeoutSeconds: approvalTimeoutSeconds(input) }
    : { required: false, state: 'not_required' };
}

function approvalTimeoutSeconds(input: ReviewInput): number {
  return Math.min(
    input.approval?.timeoutSeconds ?? ReviewLimits.defaultApprovalTimeoutSeconds,
    ReviewLimits.maxApprovalTimeoutSeconds,
  );
}

/**
 * Registers the approval update and signal (before the review's first step, so a decision is never
 * refused for arriving early) and returns the gate. A decision that arrives before the gate is
 * reached is kept and applied when the gate opens; a second one is refused.
 */
export function approvalGate(input: ReviewInput, progress: ReviewProgress): ApprovalGate {
  const required = input.approval?.required ?? false;
  const timeoutSeconds = approvalTimeoutSeconds(input);
  let decision: ApprovalRecord | undefined;

  const validate = (request: ApprovalRequest): void => {
    if (!required) throw new Error('this review was started without an approval gate');
    if (decision)
      throw new Error(`this review was already ${decision.decision === 'approve' ? 'approved' : 'rejected'}`);
    if (request.decision !== 'approve' && request.decision !== 'reject')
      throw new Error('decision must be approve or reject');
  };
  const record = (request: ApprovalRequest): void => {
    decision = {
      decision: request.decision,
      decidedAt: new Date().toISOString(),
      ...(request.reason === undefined ? {} : { reason: request.reason }),
      ...(request.approver === undefined ? {} : { approver: request.approver }),
    };
    progress.approval.decision = decision;
    progress.approval.state = decision.decision === 'approve' ? 'approved' : 'rejected';
  };
  setHandler(
    approvalUpdate,
    (request) => {
      record(request);
      return progress.approval;
    },
    { validator: validate },
  );
  setHandler(approvalSignal, (request) => {
    try {
      validate(request);
    } catch {
      return;
    }
    record(request);
  });

  return {
    get decision() {
      return decision;
    },
    async wait(findingsSeen: number): Promise<void> {
      if (!required) return;
      enterStage(progress, 'awaiting_approval', 'awaiting_approval');
      progress.approval.state = decision ? progress.approval.state : 'waiting';
      progress.approval.deadline = new Date(Date.now() + timeoutSeconds * 1000).toISOString();
      // Added after reviews were already waiting at gates: their histories have no marker and replay
      // without it. It runs alongside the wait, best effort: a webhook that is down must neither
      // delay nor fail the review, and a decision that comes first makes it moot.
      if (!decision && patched('approval-notification')) {
        const bySeverity: Record<string, number> = {};
        for (const f of progress.findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
        cpu
          .notifyApprovalNeeded({
            repository: reviewRepository(input.source),
            deadline: progress.approval.deadline,
            files: progress.counts.files,
            findings: findingsSeen,
            bySeverity,
          })
          .catch(() => undefined);
      }
      const decided = await condition(() => decision !== undefined, timeoutSeconds * 1000);
      if (!decided) record({ decision: 'reject', reason: 'timeout' });
    },
  };
}
