import { createHash } from 'node:crypto';

const safeSegment = /^[A-Za-z0-9._:@+-]+$/;

/**
 * The artifact key of `name` within one review: `reviews/<first 32 hex of sha256(reviewId)>/<name>`.
 * Workflow ids hold arbitrary characters (paths, `..`, `#`), so they are hashed rather than escaped;
 * the key stays deterministic, which is what makes a retried put find its first write.
 */
export function reviewArtifactKey(reviewId: string, name: string): string {
  if (!safeSegment.test(name) || name === '.' || name === '..') {
    throw new Error(`artifact name ${JSON.stringify(name)} must be one segment of [A-Za-z0-9._-:@+]`);
  }
  const digest = createHash('sha256').update(reviewId, 'utf8').digest('hex').slice(0, 32);
  return `reviews/${digest}/${name}`;
}
