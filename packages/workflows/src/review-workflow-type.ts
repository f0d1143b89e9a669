/** The persisted workflow type name of a review; it must never change (see the workflow file). */
export const reviewWorkflowType = 'reviewPullRequest';
