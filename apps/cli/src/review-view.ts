/**
 * The review types the CLI reads, taken from the API's generated types (openapi.yaml is the full
 * contract): the CLI talks HTTP only, so it never imports the server's workspace packages, and a
 * change of the contract fails its type check instead of drifting past a hand-written copy.
 */
import type { components, paths } from './generated/openapi.js';

/** `GET /reviews/:id`, and the data of every `progress` event of `GET /reviews/:id/events`. */
export type ReviewView = components['schemas']['Review'];

/** One finding of a review. */
export type Finding = ReviewView['findings'][number];

/** The reviewer or embedder of a review: a model, or the built-in offline default. */
export type ComponentInfo = NonNullable<ReviewView['reviewer']>;

/** Whether a review waits for a human decision, and the decision once made. */
export type ApprovalState = NonNullable<ReviewView['approval']>;

/** One row of `GET /reviews`. */
export type ReviewSummary =
  paths['/reviews']['get']['responses'][200]['content']['application/json']['reviews'][number];
