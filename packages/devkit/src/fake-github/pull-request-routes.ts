import type { FakeGitHubReplier } from './fake-github-replier.js';
import type { FakeGitHubRequest, FakeGitHubRoute } from './fake-github-route.js';
import { pullKey, type FakeGitHubState, type FakePullRequest, type FakeReview } from './fake-github-state.js';
import { readJsonBody } from './read-json-body.js';

// GitHub's documented cap of the "list pull request files" endpoint.
const maxListedFiles = 3000;

/**
 * `/repos/{owner}/{repo}/pulls/{number}` and its `/files` and `/reviews`: the pull request, its
 * files (paginated, at most 3000 listed), and its reviews, listed and created. Creating one fails
 * with GitHub's 422 for a `commit_id` other than the head and for a comment on a line outside the
 * diff's right side.
 */
export function pullRequestRoutes(state: FakeGitHubState, reply: FakeGitHubReplier): FakeGitHubRoute {
  const pullJson = (pull: FakePullRequest) => ({
    url: `${state.baseUrl}/repos/${pull.owner}/${pull.repo}/pulls/${pull.number}`,
    id: 100_000 + pull.number,
    html_url: `https://github.example/${pull.owner}/${pull.repo}/pull/${pull.number}`,
    number: pull.number,
    state: 'open',
    title: `Pull request ${pull.number}`,
    draft: pull.draft ?? false,
    user: { login: 'octocat', id: 1, type: 'User' },
    head: { sha: pull.headSha, ref: 'feature', label: `${pull.owner}:feature` },
    base: { sha: pull.baseSha, ref: 'main', label: `${pull.owner}:main` },
    changed_files: pull.changedFiles ?? pull.files.length,
    additions: pull.files.reduce((n, f) => n + f.additions, 0),
    deletions: pull.files.reduce((n, f) => n + f.deletions, 0),
  });

  return async (request) => {
    const { res, url, method, path } = request;
    const m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)(\/files|\/reviews)?$/.exec(path);
    if (!m) return false;
    const [, owner = '', repo = '', n = '', sub] = m;
    const key = pullKey(owner, repo, n);
    const pull = state.pulls.get(key);
    const posted = state.reviews.get(key) ?? [];
    if (!pull) {
      reply.error(res, 404, 'Not Found');
    } else if (!sub && method === 'GET') {
      reply.send(res, 200, pullJson(pull));
    } else if (sub === '/files' && method === 'GET') {
      reply.paginate(res, url, pull.files.slice(0, maxListedFiles));
    } else if (sub === '/reviews' && method === 'GET') {
      reply.paginate(
        res,
        url,
        posted.map((r) => ({
          id: r.id,
          body: r.body,
          state: 'COMMENTED',
          commit_id: r.commit_id,
          html_url: r.html_url,
          user: { login: 'reviewflow[bot]' },
        })),
      );
    } else if (sub === '/reviews' && method === 'POST') {
      await createReview(state, reply, pull, request, (review) => {
        posted.push(review);
        state.reviews.set(key, posted);
      });
    } else {
      reply.error(res, 404, 'Not Found');
    }
    return true;
  };
}

async function createReview(
  state: FakeGitHubState,
  reply: FakeGitHubReplier,
  pull: FakePullRequest,
  { req, res }: FakeGitHubRequest,
  record: (review: FakeReview) => void,
): Promise<void> {
  const body = await readJsonBody(req);
  if (body.commit_id !== undefined && body.commit_id !== pull.headSha)
    return reply.error(res, 422, 'Unprocessable Entity', { errors: ['commit_id is not part of the pull request'] });
  const comments = (body.comments ?? []) as FakeReview['comments'];
  for (const c of comments) {
    const file = pull.files.find((f) => f.filename === c.path);
    if (!file || (c.side ?? 'RIGHT') !== 'RIGHT' || !rightSideLines(file.patch).has(c.line))
      return reply.error(res, 422, 'Unprocessable Entity', { errors: ['Line could not be resolved'] });
  }
  const id = state.nextId++;
  const review: FakeReview = {
    id,
    body: String(body.body ?? ''),
    event: String(body.event ?? 'PENDING'),
    commit_id: String(body.commit_id ?? pull.headSha),
    comments,
    html_url: `https://github.example/${pull.owner}/${pull.repo}/pull/${pull.number}#pullrequestreview-${id}`,
  };
  record(review);
  reply.send(res, 200, {
    id,
    body: review.body,
    state: 'COMMENTED',
    commit_id: review.commit_id,
    html_url: review.html_url,
    user: { login: 'reviewflow[bot]' },
  });
}

/** The new-file line numbers a diff `patch` shows (added and context lines): where comments may go. */
function rightSideLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  let line = 0;
  for (const text of (patch ?? '').split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (hunk) line = Number(hunk[1]);
    else if (text.startsWith('+') || text.startsWith(' ')) lines.add(line++);
  }
  return lines;
}
