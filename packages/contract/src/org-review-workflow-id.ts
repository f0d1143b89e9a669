import { fnv1a32 } from './fnv1a32.js';
import type { OrgRepository } from './org-review-types.js';
import type { Tier } from './tiers.js';

const unsafe = /[^A-Za-z0-9._-]+/g;

/**
 * The workflow id of an organisation run from its business key (org, tier and the repositories with
 * their revisions), so posting the same run twice starts it once. URL-safe like review ids.
 */
export function orgReviewWorkflowId(org: string, tier: Tier, repositories: OrgRepository[]): string {
  const key = repositories
    .map((r) =>
      r.kind === 'github' ? `${r.owner}/${r.repo}#${r.pullNumber}@${r.headSha}` : `${r.path}@${r.base}..${r.head}`,
    )
    .join('\n');
  return `org:${org.replace(unsafe, '-').slice(0, 60)}:${tier}:${repositories.length}-${fnv1a32(key)}`;
}

/** The id of the child review of repository `index` of an organisation run. */
export function orgChildReviewId(orgWorkflowId: string, index: number): string {
  return `${orgWorkflowId}:r${String(index).padStart(5, '0')}`;
}
