import type {
  AiReviewStats,
  ApprovalRecord,
  ChunkSummary,
  CpuActivities,
  Finding,
  GpuActivities,
  ReviewReport,
} from '@reviewflow/activities';
import { FailureType, coverageRatio, withChunksUnreviewed } from '@reviewflow/activities/model';
import {
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { approvalSignal, approvalUpdate, progressQuery } from '../review-messages.js';
import { ReviewSearchAttribute } from '../review-search-attributes.js';
import { reviewRepository } from '../review-workflow-id.js';
import {
  ReviewLimits,
  type ApprovalRequest,
  type ReviewInput,
  type ReviewProgress,
  type ReviewStage,
  type ReviewStatus,
} from '../review-types.js';
import { TaskQueue } from '../task-queues.js';
import { activityRetryPolicy } from './activity-retry-policy.js';
import { failureReason } from './failure-reason.js';
import { recordReviewFinished, recordReviewStarted } from './record-review-metrics.js';

// CPU steps run on the review's own task queue (a tier's queue for organisation runs). They
// heartbeat while running, so a step whose worker was killed is retried within 15 s.
const cpu = proxyActivities<CpuActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '15 seconds',
  retry: activityRetryPolicy,
});

// Embedding may take long on real models: it heartbeats per batch, so a dead GPU worker is noticed
// within the heartbeat timeout and the retry resumes from the last stored batch.
const gpu = proxyActivities<GpuActivities>({
  taskQueue: TaskQueue.gpu,
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '20 seconds',
  retry: activityRetryPolicy,
});

function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

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
  const approvalRequired = input.approval?.required ?? false;
  const approvalTimeoutSeconds = Math.min(
    input.approval?.timeoutSeconds ?? ReviewLimits.defaultApprovalTimeoutSeconds,
    ReviewLimits.maxApprovalTimeoutSeconds,
  );
  const parallel = Math.max(
    1,
    Math.min(input.maxParallelChunks ?? ReviewLimits.defaultParallelChunks, ReviewLimits.maxParallelChunks),
  );

  const progress: ReviewProgress = {
    stage: 'queued',
    counts: { files: 0, additions: 0, deletions: 0, chunks: 0, chunksEmbedded: 0, chunksReviewed: 0, findings: 0 },
    findings: [],
    approval: approvalRequired
      ? { required: true, state: 'pending', timeoutSeconds: approvalTimeoutSeconds }
      : { required: false, state: 'not_required' },
  };
  let decision: ApprovalRecord | undefined;

  // The answer also carries what describe() would add for a running review, so GET /reviews/:id
  // makes one Temporal call instead of two. The status mirrors the ReviewStatus search attribute
  // (see `enter` below: queued until the first step, awaiting_approval at the gate, else running).
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

  const validateApproval = (request: ApprovalRequest): void => {
    if (!approvalRequired) throw new Error('this review was started without an approval gate');
    if (decision)
      throw new Error(`this review was already ${decision.decision === 'approve' ? 'approved' : 'rejected'}`);
    if (request.decision !== 'approve' && request.decision !== 'reject')
      throw new Error('decision must be approve or reject');
  };
  // A decision that arrives before the gate is reached is kept and applied when the gate opens.
  const recordApproval = (request: ApprovalRequest): void => {
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
      recordApproval(request);
      return progress.approval;
    },
    { validator: validateApproval },
  );
  setHandler(approvalSignal, (request) => {
    try {
      validateApproval(request);
    } catch {
      return;
    }
    recordApproval(request);
  });

  const enter = (stage: ReviewStage, status: ReviewStatus = 'running'): void => {
    progress.stage = stage;
    upsertSearchAttributes([{ key: ReviewSearchAttribute.status, value: status }]);
  };

  enter('fetching');
  const changes = await cpu.fetchChanges({ source: input.source });
  progress.counts.files = changes.files;
  progress.counts.additions = changes.additions;
  progress.counts.deletions = changes.deletions;

  enter('chunking');
  const { chunks, coverage: plannedCoverage } = await cpu.planChunks({
    changesetRef: changes.changesetRef,
    source: input.source,
    ...(input.paths ? { filters: input.paths } : {}),
    ...(input.minCoverage === undefined ? {} : { minCoverage: input.minCoverage }),
  });
  let coverage = plannedCoverage;
  progress.counts.chunks = chunks.length;
  progress.coverage = coverage;

  enter('embedding');
  const embedded = await gpu.embedChunks({ chunks });
  progress.counts.chunksEmbedded = embedded.embedded;
  progress.embedder = embedded.embedder;

  enter('reviewing');
  // Related context, the token budget and the model stats came after reviews were already running:
  // the budget decides which reviewChunk commands exist, so histories without this marker replay
  // (and running reviews continue) exactly as before.
  const aiReview = patched('ai-review');
  const tokenBudget = aiReview ? input.tokenBudget : undefined;
  const relatedChunks = Math.max(
    0,
    Math.min(input.relatedChunks ?? ReviewLimits.defaultRelatedChunks, ReviewLimits.maxRelatedChunks),
  );
  const ai: AiReviewStats = {
    tokens: { inputTokens: 0, outputTokens: 0 },
    ...(tokenBudget === undefined ? {} : { tokenBudget }),
    budgetExhausted: false,
    chunksSkippedForBudget: 0,
    modelCalls: 0,
    redactions: 0,
    findingsOutsideDiff: 0,
  };
  if (aiReview) progress.ai = ai;
  const tokensUsed = () => ai.tokens.inputTokens + ai.tokens.outputTokens;
  const unreviewed: ChunkSummary[] = [];
  const rulesOnlyFiles = new Set<string>();
  // Workers that never reported a local reviewer leave this false, so recorded histories replay.
  const onGpu = embedded.localReviewer !== undefined;
  let findingsSeen = 0;
  let next = 0;
  // A fixed pool of lanes, each taking the next chunk when its last one finishes: at most
  // `parallel` reviews in flight, and never fewer while work remains. Lanes in flight when the
  // budget runs out finish their chunk, so a review may overshoot by up to `parallel - 1` calls.
  const lane = async (): Promise<void> => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      if (tokenBudget !== undefined && tokensUsed() >= tokenBudget) {
        ai.budgetExhausted = true;
        unreviewed.push(chunk);
        continue;
      }
      const request = aiReview
        ? {
            chunk,
            related: { batchRefs: embedded.batchRefs, topK: relatedChunks },
            ...(tokenBudget === undefined ? {} : { tokenBudgetRemaining: Math.max(0, tokenBudget - tokensUsed()) }),
            ...(input.model?.required ? { modelRequired: true } : {}),
          }
        : { chunk };
      // A GPU worker that runs a model in process reviews on its own queue, so model calls take GPU
      // slots. Decided by the recorded embedding result, so a replay takes the same queue.
      const result = onGpu ? await gpu.reviewChunkOnGpu(request) : await cpu.reviewChunk(request);
      ai.tokens.inputTokens += result.usage?.inputTokens ?? 0;
      ai.tokens.outputTokens += result.usage?.outputTokens ?? 0;
      ai.modelCalls += result.modelCalls ?? 0;
      ai.redactions += result.redactions ?? 0;
      ai.findingsOutsideDiff += result.findingsOutsideDiff ?? 0;
      if (result.skipped === 'token-budget') {
        ai.budgetExhausted = true;
        unreviewed.push(chunk);
      }
      if (result.rulesOnly !== undefined) {
        ai.chunksRulesOnly = (ai.chunksRulesOnly ?? 0) + 1;
        rulesOnlyFiles.add(chunk.file);
      }
      progress.reviewer = result.reviewer;
      if (result.reviewers) progress.reviewers = result.reviewers;
      findingsSeen += result.findings.length;
      progress.findings = progress.findings
        .concat(result.findings)
        .sort(compareFindings)
        .slice(0, ReviewLimits.maxFindings);
      progress.counts.findings = findingsSeen;
      progress.counts.chunksReviewed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, chunks.length) }, lane));
  if (unreviewed.length > 0) {
    // Chunk order, not completion order, so the coverage is the same on every replay.
    unreviewed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    ai.chunksSkippedForBudget = unreviewed.length;
    coverage = withChunksUnreviewed(coverage, unreviewed, 'token-budget');
    progress.coverage = coverage;
  }
  if (rulesOnlyFiles.size > 0) {
    coverage = {
      ...coverage,
      files: coverage.files.map((f) => (rulesOnlyFiles.has(f.file) ? { ...f, rulesOnly: true } : f)),
    };
    progress.coverage = coverage;
  }
  if (aiReview && input.minCoverage !== undefined && coverageRatio(coverage) < input.minCoverage) {
    const ratio = coverageRatio(coverage);
    throw ApplicationFailure.create({
      type: FailureType.CoverageBelowMinimum,
      message: `coverage ${(ratio * 100).toFixed(1)}% is below the required ${(input.minCoverage * 100).toFixed(1)}% (${ai.chunksSkippedForBudget} chunks left unreviewed by the token budget); see coverage.files`,
      nonRetryable: true,
      details: [{ ratio, minimum: input.minCoverage, ai }],
    });
  }

  if (approvalRequired) {
    enter('awaiting_approval', 'awaiting_approval');
    progress.approval.state = decision ? progress.approval.state : 'waiting';
    progress.approval.deadline = new Date(Date.now() + approvalTimeoutSeconds * 1000).toISOString();
    // Added after reviews were already waiting at gates: their histories have no marker and replay
    // without it. It runs alongside the wait, best effort: a webhook that is down must neither delay
    // nor fail the review, and a decision that comes first makes it moot.
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
    const decided = await condition(() => decision !== undefined, approvalTimeoutSeconds * 1000);
    if (!decided) recordApproval({ decision: 'reject', reason: 'timeout' });
  }

  const outcome = decision?.decision === 'reject' ? 'rejected' : 'completed';
  const report: ReviewReport = {
    reviewId: workflowId,
    source: input.source,
    outcome,
    findings: progress.findings,
    findingsOmitted: findingsSeen - progress.findings.length,
    coverage,
    reviewer: progress.reviewer ?? { name: 'none', offline: true, description: 'no chunk needed a review' },
    ...(progress.reviewers ? { reviewers: progress.reviewers } : {}),
    embedder: embedded.embedder,
    counts: { files: changes.files, chunks: chunks.length, additions: changes.additions, deletions: changes.deletions },
    ...(decision ? { approval: decision } : {}),
    ...(aiReview ? { ai } : {}),
  };

  enter('publishing');
  // Added after reviews were already running: histories recorded before this step have no marker,
  // so `patched` is false on their replay and they continue without it (see the replay tests).
  if (patched('review-summary')) {
    report.summaryRef = (await cpu.writeReviewSummary({ report })).ref;
  }
  await cpu.publishReview({ report });
  enter(outcome, outcome);
  recordReviewFinished(outcome);
  return report;
}
