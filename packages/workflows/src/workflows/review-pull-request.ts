import {
  progressQuery,
  reviewRepository,
  type ReviewReport,
  type ReviewInput,
  type ReviewProgress,
} from '@reviewflow/contract';
import { CancellationScope, isCancellation, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { approvalGate, initialApproval } from './approval-gate.js';
import { enterStage } from './enter-stage.js';
import { failureReason } from './failure-reason.js';
import { recordReviewFinished, recordReviewStarted } from './record-review-metrics.js';
import { cpu, gpu } from './review-activities.js';
import { reviewChunks } from './review-chunks.js';

/**
 * Reviews the changes of a source: fetch -> chunk -> embed (GPU queue) -> review chunks with a
 * bounded number in flight -> optional approval gate -> publish. The function name is the persisted
 * workflow type: renaming it or reordering its steps breaks running reviews, so changes go through
 * `patched()`. A GitHub pull request also gets a commit status: pending while the review runs, its
 * outcome after (or `error` when it failed or was cancelled, e.g. superseded by a newer head).
 */
export async function reviewPullRequest(input: ReviewInput): Promise<ReviewReport> {
  // Added after reviews were already running; only GitHub sources ask, so the recorded (git)
  // histories never reach the marker and replay unchanged.
  const github = input.source.kind === 'github' && patched('github-commit-status') ? input.source : undefined;
  if (!github) return reviewChanges(input);
  await cpu.setCommitStatus({ source: github, state: 'pending', description: 'reviewflow is reviewing this commit' });
  let report: ReviewReport;
  try {
    report = await reviewChanges(input);
  } catch (err) {
    const description = isCancellation(err) ? 'Review cancelled' : `Review failed: ${failureReason(err)}`;
    // Also after cancellation: the status must not stay pending for a review that stopped.
    await CancellationScope.nonCancellable(() =>
      cpu.setCommitStatus({ source: github, state: 'error', description }).catch(() => undefined),
    );
    throw err;
  }
  const serious = report.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').length;
  const total = report.findings.length + report.findingsOmitted;
  await cpu.setCommitStatus({
    source: github,
    state: report.outcome === 'rejected' || serious > 0 ? 'failure' : 'success',
    description:
      report.outcome === 'rejected'
        ? `Rejected${report.approval?.reason ? `: ${report.approval.reason}` : ''}`
        : `${total} finding${total === 1 ? '' : 's'}, ${serious} high or critical`,
  });
  return report;
}

async function reviewChanges(input: ReviewInput): Promise<ReviewReport> {
  const { workflowId } = workflowInfo();
  recordReviewStarted();
  const progress: ReviewProgress = {
    stage: 'queued',
    counts: { files: 0, additions: 0, deletions: 0, chunks: 0, chunksEmbedded: 0, chunksReviewed: 0, findings: 0 },
    findings: [],
    approval: initialApproval(input),
  };

  // The answer also carries what describe() would add for a running review, so GET /reviews/:id
  // makes one Temporal call instead of two. The status mirrors the ReviewStatus search attribute
  // (see enterStage: queued until the first step, awaiting_approval at the gate, else running).
  // Query handlers write no history, so recorded histories replay unchanged without a patch.
  const startedAt = workflowInfo().startTime.toISOString();
  const repository = reviewRepository(input.source);
  setHandler(progressQuery, () => ({
    ...progress,
    status: progress.stage === 'queued' || progress.stage === 'awaiting_approval' ? progress.stage : 'running',
    startedAt,
    repository,
    source: input.source,
  }));
  const gate = approvalGate(input, progress);

  enterStage(progress, 'fetching');
  const changes = await cpu.fetchChanges({ source: input.source });
  progress.counts.files = changes.files;
  progress.counts.additions = changes.additions;
  progress.counts.deletions = changes.deletions;

  enterStage(progress, 'chunking');
  const { chunks, coverage: plannedCoverage } = await cpu.planChunks({
    changesetRef: changes.changesetRef,
    source: input.source,
    ...(input.paths ? { filters: input.paths } : {}),
    ...(input.minCoverage === undefined ? {} : { minCoverage: input.minCoverage }),
  });
  progress.counts.chunks = chunks.length;
  progress.coverage = plannedCoverage;

  enterStage(progress, 'embedding');
  const embedded = await gpu.embedChunks({ chunks });
  progress.counts.chunksEmbedded = embedded.embedded;
  progress.embedder = embedded.embedder;

  enterStage(progress, 'reviewing');
  const reviewed = await reviewChunks({ input, chunks, coverage: plannedCoverage, embedded, progress });

  await gate.wait(reviewed.findingsSeen);

  const decision = gate.decision;
  const outcome = decision?.decision === 'reject' ? 'rejected' : 'completed';
  const report: ReviewReport = {
    reviewId: workflowId,
    source: input.source,
    outcome,
    findings: progress.findings,
    findingsOmitted: reviewed.findingsSeen - progress.findings.length,
    coverage: reviewed.coverage,
    reviewer: progress.reviewer ?? { name: 'none', offline: true, description: 'no chunk needed a review' },
    ...(progress.reviewers ? { reviewers: progress.reviewers } : {}),
    embedder: embedded.embedder,
    counts: { files: changes.files, chunks: chunks.length, additions: changes.additions, deletions: changes.deletions },
    ...(decision ? { approval: decision } : {}),
    ...(reviewed.ai ? { ai: reviewed.ai } : {}),
  };

  enterStage(progress, 'publishing');
  // Added after reviews were already running: histories recorded before this step have no marker,
  // so `patched` is false on their replay and they continue without it (see the replay tests).
  if (patched('review-summary')) {
    report.summaryRef = (await cpu.writeReviewSummary({ report })).ref;
  }
  await cpu.publishReview({ report });
  enterStage(progress, outcome, outcome);
  recordReviewFinished(outcome);
  return report;
}
