/**
 * The workflows of reviewflow and where their bundle comes from; worker-cpu, the bundle script and
 * tests import this. What the API and workers share with the workflows (task queues, workflow ids,
 * message definitions, types) is @reviewflow/contract.
 */
export { idempotencyRecord, reviewOrganization, reviewPullRequest } from './workflows.js';
export { workflowBundleSource } from './workflow-bundle-source.js';
