/** Entry point of the workflow bundle: every workflow type the CPU worker hosts. */
export { idempotencyRecord } from './workflows/idempotency-record.js';
export { reviewOrganization } from './workflows/review-organization.js';
export { reviewPullRequest } from './workflows/review-pull-request.js';
