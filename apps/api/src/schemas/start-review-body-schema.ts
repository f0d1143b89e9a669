import { ReviewLimits } from '@reviewflow/contract';
import { Type, type Static } from 'typebox';
import { GitHubSourceSchema } from './github-source-schema.js';
import { GitSourceSchema } from './git-source-schema.js';

const GlobSchema = Type.String({ minLength: 1, maxLength: 500, description: 'A glob such as src/** or *.snap' });

/**
 * The body of `POST /reviews`: what to review and how. Every field but `source` is optional; the
 * limits are the contract's `ReviewLimits`.
 */
export const StartReviewBodySchema = Type.Object(
  {
    source: Type.Union([GitSourceSchema, GitHubSourceSchema]),
    approval: Type.Optional(
      Type.Object(
        {
          required: Type.Boolean({ description: 'Wait for a human decision before publishing' }),
          timeoutSeconds: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: ReviewLimits.maxApprovalTimeoutSeconds,
              description: `A review with no decision by then is rejected with reason "timeout"; default ${ReviewLimits.defaultApprovalTimeoutSeconds}`,
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    maxParallelChunks: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: ReviewLimits.maxParallelChunks,
        description: `Chunk reviews in flight at once; default ${ReviewLimits.defaultParallelChunks}`,
      }),
    ),
    chunksPerActivity: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: ReviewLimits.maxChunksPerActivity,
        description: `Chunks one chunk-review activity reviews at most, one after another; default ${ReviewLimits.maxChunksPerActivity}. Fewer: progress moves in smaller steps, at a hand-over of a few tens of ms per batch`,
      }),
    ),
    paths: Type.Optional(
      Type.Object(
        {
          include: Type.Optional(Type.Array(GlobSchema, { maxItems: ReviewLimits.maxGlobs })),
          exclude: Type.Optional(Type.Array(GlobSchema, { maxItems: ReviewLimits.maxGlobs })),
        },
        {
          additionalProperties: false,
          description: "Globs of files to review or leave out; replace those of the repository's .reviewflow.yml",
        },
      ),
    ),
    minCoverage: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description: 'Fail (CoverageBelowMinimum) when less of the in-scope added lines is reviewed (0..1)',
      }),
    ),
    tokenBudget: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: ReviewLimits.maxTokenBudget,
        description: 'Model tokens the review may spend; then it stops calling models and reports reduced coverage',
      }),
    ),
    relatedChunks: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: ReviewLimits.maxRelatedChunks,
        description: `Related chunks (by embedding similarity) a model reviewer gets as context; default ${ReviewLimits.defaultRelatedChunks}`,
      }),
    ),
    model: Type.Optional(
      Type.Object(
        {
          required: Type.Boolean({
            description:
              'Fail the review when its model stays unavailable, instead of leaving those chunks to the rules (default false)',
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
/** A validated `POST /reviews` body. */
export type StartReviewBody = Static<typeof StartReviewBodySchema>;
