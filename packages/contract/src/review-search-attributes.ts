import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes of review workflows; the Temporal server must have them registered
 * (`npm start` does so, and worker-cpu registers them at boot where the server allows it).
 */
export const ReviewSearchAttribute = {
  /** The reviewed repository (a local path or `owner/repo`), for `GET /reviews?repository=`. */
  repository: defineSearchAttributeKey('ReviewRepository', SearchAttributeType.KEYWORD),
  /** The review's status while its workflow runs or after it completed: see {@link ReviewStatus}. */
  status: defineSearchAttributeKey('ReviewStatus', SearchAttributeType.KEYWORD),
} as const;
