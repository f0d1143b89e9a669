import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { GitHubSource, GitSource } from '@reviewflow/contract';
import type { Client } from '@temporalio/client';
import type { ApprovalLinkSettings } from '../approval-links/approval-link-settings.js';
import type { ApiMetrics } from '../metrics/create-api-metrics.js';
import type { GitSourceRequest } from '../sources/resolve-git-source.js';
import type { GitHubSourceRequest } from '../sources/resolve-github-source.js';
import { cancelReviewRoute } from './cancel-review-route.js';
import { decideApprovalRoute } from './decide-approval-route.js';
import { getReviewRoute } from './get-review-route.js';
import { listReviewsRoute } from './list-reviews-route.js';
import { startReviewRoute } from './start-review-route.js';

/** What the reviews routes need. */
export interface ReviewsRoutesOptions {
  temporal: Client;
  namespace: string;
  resolveGitSource: (request: GitSourceRequest) => Promise<GitSource>;
  /** Resolves a pull request's head when the request leaves it out. */
  resolveGitHubSource: (request: GitHubSourceRequest) => Promise<GitHubSource>;
  queryTimeoutMs: number;
  metrics: ApiMetrics;
  /** Signs the approval links listed for waiting reviews. */
  approvalLinks?: ApprovalLinkSettings;
}

/** The reviews resource: start, read, list, approve and cancel reviews, one plugin per operation. */
export const reviewsRoutes: FastifyPluginAsyncTypebox<ReviewsRoutesOptions> = async (app, options) => {
  // The order the routes are added in is the order of the operations in openapi.yaml.
  await app.register(startReviewRoute, options);
  await app.register(listReviewsRoute, options);
  await app.register(getReviewRoute, options);
  await app.register(decideApprovalRoute, options);
  await app.register(cancelReviewRoute, options);
};
