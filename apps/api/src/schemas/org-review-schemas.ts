import { OrgReviewLimits, tiers } from '@reviewflow/contract';
import { Type, type Static } from 'typebox';
import { GitSourceSchema } from './git-source-schema.js';

export const OrgParamsSchema = Type.Object({
  org: Type.String({
    minLength: 1,
    // Run ids keep 60 characters of the org (orgReviewWorkflowId): a longer name would start a run
    // that its own org could never load (a 404 after the 202). GitHub's names have at most 39.
    maxLength: 60,
    pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
    description: 'Organisation name',
  }),
});

export const StartOrgReviewBodySchema = Type.Object(
  {
    tier: Type.Enum(tiers, { description: 'Selects the task queue the reviews run on' }),
    repositories: Type.Array(GitSourceSchema, { minItems: 1, maxItems: OrgReviewLimits.maxRepositories }),
    maxParallelReviews: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: OrgReviewLimits.maxParallelReviews,
        description: `Reviews running at once; default ${OrgReviewLimits.defaultParallelReviews}`,
      }),
    ),
  },
  { additionalProperties: false },
);

const FailureRowSchema = Type.Object({
  index: Type.Integer(),
  repository: Type.String(),
  reviewId: Type.String({ description: 'GET /reviews/{reviewId} shows the failed review' }),
  reason: Type.String(),
});

/** The state of an organisation run. */
export const OrgReviewSchema = Type.Object({
  id: Type.String(),
  status: Type.Enum(['running', 'completed', 'failed', 'cancelled']),
  createdAt: Type.String(),
  org: Type.Optional(Type.String()),
  tier: Type.Optional(Type.String()),
  taskQueue: Type.Optional(Type.String()),
  total: Type.Optional(Type.Integer()),
  completed: Type.Optional(Type.Integer()),
  failed: Type.Optional(Type.Integer()),
  running: Type.Optional(Type.Integer()),
  pending: Type.Optional(Type.Integer()),
  alerted: Type.Optional(
    Type.Boolean({ description: 'More than a quarter of the reviews failed and an alert was raised' }),
  ),
  continuedRuns: Type.Optional(Type.Integer({ description: 'Times the batch continued as a new run' })),
  failures: Type.Optional(Type.Array(FailureRowSchema)),
  failure: Type.Optional(Type.Object({ type: Type.String(), message: Type.String() })),
});
export type OrgReviewView = Static<typeof OrgReviewSchema>;
