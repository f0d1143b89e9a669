/** Entry point of the workflow bundle: every workflow type the CPU worker hosts. */
export { reviewPullRequest } from './workflows/review-pull-request.js';
