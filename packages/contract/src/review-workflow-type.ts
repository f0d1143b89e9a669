/** The persisted workflow type name of a review; it must never change (see the workflow file). */
export const reviewWorkflowType = 'reviewPullRequest';

/** The persisted workflow type name of an organisation run. */
export const orgReviewWorkflowType = 'reviewOrganization';
