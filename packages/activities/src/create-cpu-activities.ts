import type { Changeset, ChunkSummary, Coverage, ReviewReport, GitHubSource, ReviewSource } from '@reviewflow/contract';
import { Context } from '@temporalio/activity';
import { CoverageBelowMinimumError } from './chunk/coverage-below-minimum-error.js';
import { planChunks, type PlanChunksOptions } from './chunk/plan-chunks.js';
import type { PathFilters } from './chunk/path-filters.js';
import { readGitReviewConfig } from './config/read-git-review-config.js';
import { summarizeChunk } from './chunk/summarize-chunk.js';
import { currentReviewKey } from './current-review-key.js';
import { fetchGitChangeset } from './git/fetch-git-changeset.js';
import { fetchPullRequest } from './github/fetch-pull-request.js';
import { createGitHubClients, type GitHubClients } from './github/github-clients.js';
import { publishPullRequestReview } from './github/publish-pull-request-review.js';
import { setCommitStatus, type CommitStatusUpdate } from './github/set-commit-status.js';
import { heartbeatWhileRunning } from './heartbeat-while-running.js';
import type { ApprovalWebhook } from './notify/approval-webhook.js';
import { deliverApprovalNotification } from './notify/deliver-approval-notification.js';
import { raiseOrgAlert, type OrgAlert } from './org/raise-org-alert.js';
import { renderReviewSummary } from './publish/render-review-summary.js';
import type { Reviewer } from './review/reviewer.js';
import { reviewStoredChunk, type ReviewChunkInput, type ReviewChunkResult } from './review/review-stored-chunk.js';
import { reviewStoredChunks, type ReviewChunksInput, type ReviewChunksResult } from './review/review-stored-chunks.js';
import type { ArtifactStore } from './store/artifact-store.js';
import { toApplicationFailure } from './to-application-failure.js';

/** What the CPU activities need from the outside world. */
export interface CpuActivityDeps {
  store: ArtifactStore;
  reviewer: Reviewer;
  /** Authenticated GitHub clients; default: github.com without credentials (public repositories). */
  github?: GitHubClients;
  /** Public base URL of the API, for links from GitHub to `/reviews/:id`; none: no links. */
  publicApiUrl?: string;
  /** Where approval links are sent, and how they are made; none: `notifyApprovalNeeded` sends nothing. */
  approvalNotifications?: {
    webhook: ApprovalWebhook;
    /** The signed approval link of a review whose gate closes at `deadline` (made by the worker app). */
    linkFor(reviewId: string, deadline: string): { url: string; expiresAt: string };
  };
}

/** Input of `notifyApprovalNeeded`: what the workflow knows when its gate opens. */
export interface ApprovalNeededInput {
  repository: string;
  deadline: string;
  files: number;
  findings: number;
  /** Findings per severity; counts only, so history stays small. */
  bySeverity: Record<string, number>;
}

export interface FetchChangesResult {
  changesetRef: string;
  files: number;
  additions: number;
  deletions: number;
}

export interface PlanChunksResult {
  chunks: ChunkSummary[];
  coverage: Coverage;
}

/** Input of `planChunks`; everything but the changeset reference is optional. */
export interface PlanChunksInput {
  changesetRef: string;
  maxChunkLines?: number;
  maxChunkTokens?: number;
  /** The reviewed source: a git source's `.reviewflow.yml` at head gives filters the request did not. */
  source?: ReviewSource;
  /** Globs of the request; when given they replace the repository's `.reviewflow.yml` globs. */
  filters?: PathFilters;
  /** Minimum coverage ratio (0..1); planning fails with `CoverageBelowMinimum` below it. */
  minCoverage?: number;
}

export interface PublishReviewResult {
  /** Where the published review can be found (an artifact reference for local sources). */
  location: string;
  /** False when an earlier attempt had already published it. */
  created: boolean;
}

/**
 * The activities of the `reviewflow-cpu` task queue: fetching changes, chunking, reviewing and
 * publishing. Large payloads go to the artifact store; only references and small summaries are
 * returned into workflow history.
 */
export function createCpuActivities({ store, reviewer, ...deps }: CpuActivityDeps) {
  const github = deps.github ?? createGitHubClients({ baseUrl: 'https://api.github.com', auth: { kind: 'none' } });
  const reviewUrlOf = (reviewId: string): string | undefined =>
    deps.publicApiUrl ? `${deps.publicApiUrl.replace(/\/+$/, '')}/reviews/${encodeURIComponent(reviewId)}` : undefined;
  return heartbeatWhileRunning({
    /** Reads the diff between base and head and stores it as the review's changeset artifact. */
    async fetchChanges(input: { source: ReviewSource }): Promise<FetchChangesResult> {
      let changeset: Changeset;
      try {
        const { source } = input;
        changeset =
          source.kind === 'github'
            ? await fetchPullRequest(await github.forRepository(source.owner, source.repo), source)
            : await fetchGitChangeset(source);
      } catch (err) {
        throw toApplicationFailure(err);
      }
      const { ref } = await store.put(currentReviewKey('changeset.json'), changeset);
      return {
        changesetRef: ref,
        files: changeset.files.length,
        additions: changeset.files.reduce((n, f) => n + f.additions, 0),
        deletions: changeset.files.reduce((n, f) => n + f.deletions, 0),
      };
    },

    /** Splits the stored changeset into chunks, stores each chunk and returns their summaries. */
    async planChunks(input: PlanChunksInput): Promise<PlanChunksResult> {
      try {
        const changeset = await store.get<Changeset>(input.changesetRef);
        const options: PlanChunksOptions = {};
        if (input.maxChunkLines !== undefined) options.maxChunkLines = input.maxChunkLines;
        if (input.maxChunkTokens !== undefined) options.maxChunkTokens = input.maxChunkTokens;
        const requestFilters = input.filters && (input.filters.include?.length || input.filters.exclude?.length);
        if (requestFilters) options.filters = input.filters;
        // The repository's own file, at the reviewed head: the committed intent of its maintainers.
        else if (input.source?.kind === 'git') {
          const repoConfig = await readGitReviewConfig(input.source.path, input.source.head);
          if (repoConfig) options.filters = repoConfig;
        }
        const { chunks, coverage } = planChunks(changeset, options);
        // Checked before any model call: a review that cannot reach its minimum spends nothing.
        if (input.minCoverage !== undefined && (coverage.ratio ?? 1) < input.minCoverage) {
          throw new CoverageBelowMinimumError(coverage.ratio ?? 1, input.minCoverage, 'files were cut while planning');
        }
        const summaries: ChunkSummary[] = [];
        for (const chunk of chunks) {
          const { ref } = await store.put(currentReviewKey(`chunk-${chunk.id}.json`), chunk);
          summaries.push(summarizeChunk(chunk, ref));
        }
        return { chunks: summaries, coverage };
      } catch (err) {
        throw toApplicationFailure(err);
      }
    },

    /** Reviews one stored chunk with the configured reviewer. Pure: retrying it has no side effect. */
    async reviewChunk(input: ReviewChunkInput): Promise<ReviewChunkResult> {
      return reviewStoredChunk(store, reviewer, input);
    },

    /** Reviews a lane's batch of chunks one after another (see {@link reviewStoredChunks}). */
    async reviewChunks(input: ReviewChunksInput): Promise<ReviewChunksResult> {
      return reviewStoredChunks(store, reviewer, input);
    },

    /**
     * Publishes the review. For local git sources that means storing the report; the key is derived
     * from the workflow run, so a retried or replayed publish finds the first one and writes nothing.
     */
    async publishReview(input: { report: ReviewReport }): Promise<PublishReviewResult> {
      const { ref, created } = await store.put(currentReviewKey('report.json'), input.report);
      const { report } = input;
      const source = report.source;
      if (source.kind !== 'github') return { location: ref, created };
      try {
        // The changeset of this run, by its deterministic key: the lines a comment may go on.
        const changeset = await store.get<Changeset>(store.ref(currentReviewKey('changeset.json')));
        const reviewUrl = reviewUrlOf(report.reviewId);
        const published = await publishPullRequestReview(await github.forRepository(source.owner, source.repo), {
          report: { ...report, source },
          changeset,
          ...(reviewUrl ? { reviewUrl } : {}),
        });
        return { location: published.url, created: published.created };
      } catch (err) {
        throw toApplicationFailure(err);
      }
    },

    /**
     * Sets the review's commit status on a GitHub pull request's head (pending while it runs, the
     * outcome after), linking to the review in the API. Idempotent: the latest status wins.
     */
    async setCommitStatus(input: { source: GitHubSource } & Omit<CommitStatusUpdate, 'targetUrl'>): Promise<void> {
      const { source, state, description } = input;
      const reviewId = Context.current().info.workflowExecution?.workflowId;
      const targetUrl = reviewId === undefined ? undefined : reviewUrlOf(reviewId);
      try {
        await setCommitStatus(await github.forRepository(source.owner, source.repo), source, {
          state,
          description,
          ...(targetUrl ? { targetUrl } : {}),
        });
      } catch (err) {
        throw toApplicationFailure(err);
      }
    },

    /**
     * Stores the Markdown summary of a review next to its report. Keyed by the run like every side
     * effect, so a retry finds the first write.
     */
    async writeReviewSummary(input: { report: ReviewReport }): Promise<{ ref: string; created: boolean }> {
      return store.put(currentReviewKey('summary.json'), { markdown: renderReviewSummary(input.report) });
    },

    /**
     * Sends the approval link of a review waiting at its gate, with a short summary, to the
     * configured webhook. The idempotency key is the workflow and activity id, the same on every
     * retry, so the receiver can drop duplicates.
     */
    async notifyApprovalNeeded(input: ApprovalNeededInput): Promise<{ delivered: boolean }> {
      const notifications = deps.approvalNotifications;
      if (!notifications) return { delivered: false };
      const { workflowExecution: execution, activityId } = Context.current().info;
      if (!execution) return { delivered: false };
      const reviewId = execution.workflowId;
      const link = notifications.linkFor(reviewId, input.deadline);
      await deliverApprovalNotification(
        notifications.webhook,
        {
          reviewId,
          repository: input.repository,
          approvalUrl: link.url,
          expiresAt: link.expiresAt,
          files: input.files,
          findings: input.findings,
          bySeverity: input.bySeverity,
        },
        `${execution.workflowId}/${execution.runId}/${activityId}`,
      );
      return { delivered: true };
    },

    /** Raises the alert of an organisation run with too many failed reviews, once per run. */
    async raiseOrgAlert(input: OrgAlert): Promise<{ ref: string; created: boolean }> {
      return raiseOrgAlert(store, input);
    },
  });
}

/** The CPU activity interface, as workflows see it (type-only import). */
export type CpuActivities = ReturnType<typeof createCpuActivities>;

export type { ReviewChunkInput, ReviewChunkResult, ReviewChunksInput, ReviewChunksResult };
