import { reviewStatuses, severities } from '@reviewflow/contract';
import { Type, type Static } from 'typebox';
import { ApprovalStateSchema } from './approval-state-schema.js';

/** The states a review goes through, as the API names them. */
export const ReviewStatusSchema = Type.Enum(reviewStatuses);

const ComponentInfoSchema = Type.Object({
  name: Type.String(),
  offline: Type.Boolean({ description: 'True for the built-in offline default (no model)' }),
  description: Type.String(),
});

const FindingSchema = Type.Object({
  file: Type.String(),
  line: Type.Integer({ description: '1-based line in the head revision' }),
  rule: Type.String(),
  severity: Type.Enum(severities),
  message: Type.String(),
  suggestion: Type.Optional(Type.String({ description: 'A concrete fix proposed by a model reviewer' })),
  reviewer: Type.Optional(
    Type.String({ description: 'The reviewer that found it (rules or a model), when both reviewed the change' }),
  ),
});

const AiReviewStatsSchema = Type.Object(
  {
    tokens: Type.Object({ inputTokens: Type.Integer(), outputTokens: Type.Integer() }),
    tokenBudget: Type.Optional(Type.Integer()),
    budgetExhausted: Type.Boolean(),
    chunksSkippedForBudget: Type.Integer(),
    modelCalls: Type.Integer(),
    redactions: Type.Integer({ description: 'Credential values replaced before text was sent to the reviewer model' }),
    findingsOutsideDiff: Type.Integer({ description: 'Model findings on lines the change does not add, dropped' }),
    chunksRulesOnly: Type.Optional(
      Type.Integer({ description: 'Chunks only the rules reviewed because the model stayed unavailable' }),
    ),
  },
  { description: 'What the model side of the review cost' },
);

const CoverageSchema = Type.Object({
  filesFull: Type.Integer(),
  filesPartial: Type.Integer(),
  filesSkipped: Type.Integer(),
  ratio: Type.Optional(Type.Number({ description: 'Reviewed share of the added lines of in-scope files (0..1)' })),
  files: Type.Array(
    Type.Object({
      file: Type.String(),
      status: Type.Union([Type.Literal('full'), Type.Literal('partial'), Type.Literal('skipped')]),
      reason: Type.Optional(Type.String()),
      rulesOnly: Type.Optional(
        Type.Boolean({ description: 'Only the rules reviewed (part of) this file: the model stayed unavailable' }),
      ),
      addedLines: Type.Integer(),
      reviewedLines: Type.Integer(),
    }),
  ),
  omittedFiles: Type.Optional(
    Type.Object(
      { count: Type.Integer(), reason: Type.String() },
      { description: 'Changed files the source did not list (GitHub lists at most 3000)' },
    ),
  ),
});

const ApprovalLinkSchema = Type.Object({
  url: Type.String({ description: 'GET shows the review with Approve / Reject buttons; POST decides' }),
  rights: Type.Array(Type.Union([Type.Literal('approve'), Type.Literal('reject')])),
  expiresAt: Type.String(),
});

/** The full state of one review. */
export const ReviewSchema = Type.Object(
  {
    id: Type.String({ description: 'The review id, which is also its Temporal workflow id' }),
    status: ReviewStatusSchema,
    stage: Type.Optional(Type.String({ description: 'The step a running review is at' })),
    repository: Type.Optional(Type.String()),
    source: Type.Optional(
      Type.Union([
        Type.Object({ kind: Type.Literal('git'), path: Type.String(), base: Type.String(), head: Type.String() }),
        Type.Object({
          kind: Type.Literal('github'),
          owner: Type.String(),
          repo: Type.String(),
          pullNumber: Type.Integer(),
          headSha: Type.String(),
        }),
      ]),
    ),
    createdAt: Type.String(),
    closedAt: Type.Optional(Type.String()),
    counts: Type.Optional(
      Type.Object({
        files: Type.Integer(),
        additions: Type.Integer(),
        deletions: Type.Integer(),
        chunks: Type.Integer(),
        chunksEmbedded: Type.Integer(),
        chunksReviewed: Type.Integer(),
        findings: Type.Integer(),
      }),
    ),
    findings: Type.Array(FindingSchema),
    findingsOmitted: Type.Optional(Type.Integer()),
    coverage: Type.Optional(CoverageSchema),
    reviewer: Type.Optional(ComponentInfoSchema),
    reviewers: Type.Optional(
      Type.Array(ComponentInfoSchema, {
        description: 'Every reviewer of the change: the rules and, with a model, the model',
      }),
    ),
    embedder: Type.Optional(ComponentInfoSchema),
    ai: Type.Optional(AiReviewStatsSchema),
    approval: Type.Optional(ApprovalStateSchema),
    approvalLinks: Type.Optional(
      Type.Array(ApprovalLinkSchema, {
        description: 'Signed single-use links that decide a waiting review; listed for callers with approvals:write',
      }),
    ),
    failure: Type.Optional(
      Type.Object({ type: Type.String(), message: Type.String() }, { description: 'Why a failed review failed' }),
    ),
    progressAvailable: Type.Boolean({
      description: 'False when a running review could not be asked for its progress (no worker answered in time)',
    }),
  },
  { $id: 'Review' },
);
/** A review as `GET /reviews/{id}` answers it. */
export type ReviewView = Static<typeof ReviewSchema>;

/** One row of `GET /reviews`. */
export const ReviewSummarySchema = Type.Object({
  id: Type.String(),
  status: ReviewStatusSchema,
  repository: Type.Optional(Type.String()),
  createdAt: Type.String(),
  closedAt: Type.Optional(Type.String()),
});
/** A review as `GET /reviews` lists it. */
export type ReviewSummary = Static<typeof ReviewSummarySchema>;

/**
 * A workflow id as a path segment. `.` and `..` are dot segments: URL parsers drop them, so no
 * client can send them as an id. Spelt without a lookahead, which fast-check cannot generate from.
 */
export const WorkflowIdSegmentSchema = (description: string) =>
  Type.String({ minLength: 1, maxLength: 1000, pattern: '^(?:[^.]|\\.[^.]|\\.\\.[\\s\\S])', description });

/** The path parameters of the routes under `/reviews/{id}`. */
export const ReviewIdParamsSchema = Type.Object({
  id: WorkflowIdSegmentSchema('Review id as returned by POST /reviews'),
});
