import { Type } from 'typebox';

/**
 * A GitHub (or GitHub Enterprise) pull request. Without `headSha` the API asks GitHub for the
 * current head; with it, a review whose pull request has moved on fails as `GitHubHeadMismatch`.
 */
export const GitHubSourceSchema = Type.Object(
  {
    kind: Type.Literal('github'),
    owner: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' }),
    repo: Type.String({
      minLength: 1,
      maxLength: 100,
      // `.` and `..` would walk out of the repository path of GitHub's URLs.
      pattern: '^(?!\\.{1,2}$)[A-Za-z0-9_.-]+$',
    }),
    pullNumber: Type.Integer({ minimum: 1, maximum: 2147483647 }),
    headSha: Type.Optional(
      Type.String({ pattern: '^[0-9a-f]{40}$', description: 'Full head commit SHA; default: the current head' }),
    ),
  },
  { additionalProperties: false },
);
