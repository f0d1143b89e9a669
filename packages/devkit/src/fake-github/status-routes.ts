import type { FakeGitHubReplier } from './fake-github-replier.js';
import type { FakeGitHubRoute } from './fake-github-route.js';
import { statusKey, type FakeGitHubState, type FakeStatus } from './fake-github-state.js';
import { readJsonBody } from './read-json-body.js';

/**
 * `POST /repos/{owner}/{repo}/statuses/{sha}`: records a commit status, with GitHub's 422
 * validation errors for an unknown state and a description over 140 characters.
 */
export function statusRoutes(state: FakeGitHubState, reply: FakeGitHubReplier): FakeGitHubRoute {
  return async ({ req, res, method, path }) => {
    const m = /^\/repos\/([^/]+)\/([^/]+)\/statuses\/([0-9a-f]{40})$/.exec(path);
    if (!m || method !== 'POST') return false;
    const [, owner = '', repo = '', sha = ''] = m;
    const body = await readJsonBody(req);
    const status = String(body.state);
    if (!['pending', 'success', 'failure', 'error'].includes(status)) {
      reply.error(res, 422, 'Validation Failed', {
        errors: [{ resource: 'Status', field: 'state', code: 'custom', message: 'state is not included in the list' }],
      });
      return true;
    }
    if (typeof body.description === 'string' && body.description.length > 140) {
      reply.error(res, 422, 'Validation Failed', {
        errors: [
          {
            resource: 'Status',
            code: 'custom',
            field: 'description',
            message: 'description is too long (maximum is 140 characters)',
          },
        ],
      });
      return true;
    }
    const posted: FakeStatus = { sha, state: status, context: String(body.context ?? 'default') };
    if (typeof body.description === 'string') posted.description = body.description;
    if (typeof body.target_url === 'string') posted.target_url = body.target_url;
    const key = statusKey(owner, repo, sha);
    state.statuses.set(key, [...(state.statuses.get(key) ?? []), posted]);
    reply.send(res, 201, { id: state.nextId++, ...posted, created_at: new Date().toISOString() });
    return true;
  };
}
