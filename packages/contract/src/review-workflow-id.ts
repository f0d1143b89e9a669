import type { ReviewSource } from './model/review-source.js';
import { fnv1a32 } from './fnv1a32.js';

const unsafe = /[^A-Za-z0-9._-]+/g;

/**
 * The workflow id of a review, derived from its business key, e.g.
 * `review:git:api-1f2e3d4c@3f2c1d0a9b8e..9e8d7c6b5a4f` (repository + commit range) or
 * `review:github:acme:api:42@3f2c1d0a9b8e` (pull request acme/api#42 at its head). The same source
 * always gives the same id, which is what makes starting a review idempotent. Ids contain only
 * URL-safe characters (no `/` or `#`) so they can be used unencoded in `/reviews/:id`.
 */
export function reviewWorkflowId(source: ReviewSource): string {
  if (source.kind === 'github') return `${pullRequestReviewIdPrefix(source)}${source.headSha.slice(0, 12)}`;
  const name = (source.path.split('/').filter(Boolean).pop() ?? 'root').replace(unsafe, '-').slice(0, 40);
  return `review:git:${name}-${fnv1a32(source.path)}@${source.base.slice(0, 12)}..${source.head.slice(0, 12)}`;
}

/**
 * What the ids of every review of one pull request start with (any head): `review:github:acme:api:42@`.
 * GitHub names are case-insensitive, so they are lower-cased; `:` cannot occur in them.
 */
export function pullRequestReviewIdPrefix(pull: { owner: string; repo: string; pullNumber: number }): string {
  const name = (s: string) => s.toLowerCase().replace(unsafe, '-');
  return `review:github:${name(pull.owner)}:${name(pull.repo)}:${pull.pullNumber}@`;
}

/** The repository a review is about, as stored in the `ReviewRepository` search attribute. */
export function reviewRepository(source: ReviewSource): string {
  return source.kind === 'github' ? `${source.owner}/${source.repo}`.toLowerCase() : source.path;
}
