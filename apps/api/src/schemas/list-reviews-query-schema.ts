import { Type } from 'typebox';
import { ReviewStatusSchema } from './review-schemas.js';

/** The query of `GET /reviews`: filters, page size and the token of the next page. */
export const ListReviewsQuerySchema = Type.Object(
  {
    status: Type.Optional(ReviewStatusSchema),
    repository: Type.Optional(
      // No quotes or backslashes (they would end the visibility query's literal) and no
      // control characters (Temporal's visibility store stalls on a NUL instead of refusing it).
      Type.String({
        minLength: 1,
        maxLength: 4096,
        pattern: '^[^\'"\\\\\\u0000-\\u001F\\u007F]*$',
        description: 'Exact repository',
      }),
    ),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    pageToken: Type.Optional(
      Type.String({
        minLength: 24,
        maxLength: 4096,
        pattern: '^[A-Za-z0-9_-]+$',
        description: 'nextPageToken of the previous page, with the same status and repository',
      }),
    ),
  },
  { additionalProperties: false },
);
