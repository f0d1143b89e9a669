import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { rateLimitExhausted, startFakeGitHub, type FakeGitHub, type FakePullFile } from '@reviewflow/devkit';
import { createGitHubSourceResolver } from '../../src/sources/resolve-github-source.js';
import { verifyGitHubSignature } from '../../src/webhooks/verify-github-signature.js';
import { startTestStack, testApiKey, type TestStack } from '../support/test-stack.js';
import { isTerminalReview } from '../support/wait-for-review.js';

const auth = { authorization: `Bearer ${testApiKey}` };
const secret = 'webhook-secret-for-tests';
const token = 'ghp_e2e_token';
const publicApiUrl = 'http://reviewflow.test';
type Json = Record<string, any>;

const sha = (c: string) => c.repeat(40);
const base = sha('0');

// The planted changes of the local-git end-to-end test, as GitHub would list them.
const files: FakePullFile[] = [
  {
    filename: 'src/config.js',
    status: 'modified',
    additions: 3,
    deletions: 0,
    changes: 3,
    patch:
      '@@ -1 +1,4 @@\n export const region = "eu-west-1";\n+export const bucket = "reports";\n' +
      '+export const awsSecretAccessKey = "q7Hk2Zr9Lm4Xv8Bn3Tc6Wd1Fs5Gj0Pe2Ya7Uo9i";\n' +
      '+export const awsAccessKeyId = "AKIAJ3V8QW2NX5LP7RT4";',
  },
  {
    filename: 'src/app.js',
    status: 'modified',
    additions: 4,
    deletions: 1,
    changes: 5,
    patch:
      '@@ -1,3 +1,6 @@\n export function add(a, b) {\n-  return a + b;\n+  const sum = a + b;\n+  // keep it simple\n' +
      '+  console.log("sum is", sum);\n+  return sum;\n }',
  },
  { filename: 'assets/logo.png', status: 'added', additions: 0, deletions: 0, changes: 0 },
  {
    filename: 'src/old-name.js',
    previous_filename: 'src/name.js',
    status: 'renamed',
    additions: 0,
    deletions: 0,
    changes: 0,
  },
];

const signed = (body: string, event: string, delivery: string) => ({
  'content-type': 'application/json',
  'x-github-event': event,
  'x-github-delivery': delivery,
  'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
});

const pullRequestEvent = (action: string, number: number, head: string, extra: Json = {}) =>
  JSON.stringify({
    action,
    number,
    ...extra,
    pull_request: { number, draft: extra.draft ?? false, head: { sha: head, ref: 'feature' }, base: { sha: base } },
    repository: { name: 'api', full_name: 'acme/api', owner: { login: 'acme' } },
  });

describe('GitHub pull request reviews end to end (real Temporal, real workers, loopback GitHub)', () => {
  let stack: TestStack;
  let gh: FakeGitHub;

  const call = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await stack.app.inject({
      method,
      url,
      headers: auth,
      ...(payload ? { payload: payload as object } : {}),
    });
    return { status: res.statusCode, body: res.json() as Json };
  };
  const deliver = async (event: string, body: string, delivery: string, headers = signed(body, event, delivery)) => {
    const res = await stack.app.inject({ method: 'POST', url: '/webhooks/github', headers, payload: body });
    return { status: res.statusCode, type: String(res.headers['content-type']), body: res.json() as Json };
  };
  // Longer than the stack's default: these reviews wait out GitHub's rate limits first.
  const waitFor = (id: string, until: (r: Json) => boolean) => stack.waitFor(id, until, 90_000);

  before(async () => {
    gh = await startFakeGitHub({ auth: { kind: 'token', token } });
    stack = await startTestStack({
      cpuWorkerEnv: { GITHUB_API_URL: gh.baseUrl, GITHUB_TOKEN: token, REVIEWFLOW_PUBLIC_API_URL: publicApiUrl },
      app: { githubWebhook: { secret, reviewDrafts: false } },
      deps: { resolveGitHubSource: createGitHubSourceResolver({ baseUrl: gh.baseUrl, token: async () => token }) },
    });
  });
  after(async () => {
    await stack?.stop();
    await gh?.close();
  });

  it('reviews a pull request from POST /reviews: waits out a rate limit, posts one review and the commit statuses', async () => {
    const head = sha('a');
    gh.addPullRequest({ owner: 'acme', repo: 'api', number: 1, headSha: head, baseSha: base, files });
    // The first listing of the files hits the exhausted primary rate limit; GitHub says when it resets.
    const resetAt = Math.floor(Date.now() / 1000) + 4;
    gh.failNext('GET', /\/pulls\/1\/files$/, rateLimitExhausted(resetAt));
    // The first review post is carried out but its answer is lost: the retried publish must find it.
    gh.failNext('POST', /\/pulls\/1\/reviews$/, { status: 502, body: { message: 'Server Error' } }, { serve: true });

    const started = await call('POST', '/reviews', {
      source: { kind: 'github', owner: 'acme', repo: 'api', pullNumber: 1 },
    });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const id = started.body.id as string;
    assert.equal(id, 'review:github:acme:api:1@aaaaaaaaaaaa', 'the head was resolved; no / or # in the id');
    const again = await call('POST', '/reviews', {
      source: { kind: 'github', owner: 'acme', repo: 'api', pullNumber: 1, headSha: head },
    });
    assert.deepEqual([again.status, again.body.id], [200, id], 'the same head is the same review');

    const done = await waitFor(id, isTerminalReview);
    assert.equal(done.status, 'completed', JSON.stringify(done.failure));
    assert.deepEqual(done.source, { kind: 'github', owner: 'acme', repo: 'api', pullNumber: 1, headSha: head });

    const listings = gh.requests.filter((r) => r.method === 'GET' && /\/pulls\/1\/files/.test(r.path));
    assert.ok(listings.length >= 2);
    assert.ok(
      listings[1]!.at >= resetAt * 1000,
      `the retry waited for the reset (${listings[1]!.at} < ${resetAt * 1000})`,
    );

    const posts = gh.requests.filter((r) => r.method === 'POST' && /\/pulls\/1\/reviews$/.test(r.path));
    assert.equal(posts.length, 1, 'the retried publish found the first review instead of posting again');
    const reviews = gh.reviews('acme', 'api', 1);
    assert.equal(reviews.length, 1);
    const review = reviews[0]!;
    assert.equal(review.commit_id, head);
    const commented = review.comments.map((c) => `${c.path}:${c.line}`);
    assert.ok(commented.includes('src/config.js:3') && commented.includes('src/config.js:4'), commented.join());
    assert.ok(commented.includes('src/app.js:4'), commented.join());
    assert.match(review.body, /Coverage: .*skipped/);
    assert.match(review.body, /assets\/logo\.png`: skipped \(binary\)/);
    assert.match(review.body, /offline default/);
    assert.ok(review.body.includes(`${publicApiUrl}/reviews/${encodeURIComponent(id)}`));

    const statuses = gh.statuses('acme', 'api', head);
    assert.deepEqual(
      statuses.map((s) => [s.context, s.state]),
      [
        ['reviewflow', 'pending'],
        ['reviewflow', 'failure'],
      ],
      'pending while running, failure for high findings after',
    );
    assert.equal(statuses[1]!.target_url, `${publicApiUrl}/reviews/${encodeURIComponent(id)}`);
    assert.match(statuses[1]!.description ?? '', /high or critical/);
  });

  it('fails a review whose pull request moved past the given head, with a typed reason', async () => {
    gh.addPullRequest({ owner: 'acme', repo: 'api', number: 5, headSha: sha('e'), baseSha: base, files });
    const started = await call('POST', '/reviews', {
      source: { kind: 'github', owner: 'acme', repo: 'api', pullNumber: 5, headSha: sha('d') },
    });
    assert.equal(started.status, 202);
    const done = await waitFor(started.body.id, isTerminalReview);
    assert.equal(done.status, 'failed');
    assert.equal(done.failure.type, 'GitHubHeadMismatch');
    assert.deepEqual(
      gh.statuses('acme', 'api', sha('d')).map((s) => s.state),
      ['pending', 'error'],
    );
    const unknown = await call('POST', '/reviews', {
      source: { kind: 'github', owner: 'acme', repo: 'api', pullNumber: 404 },
    });
    assert.equal(unknown.status, 422);
    assert.match(unknown.body.type, /github-pull-request-not-found$/);
  });

  it('verifies webhook signatures: GitHub documented example, 401 problems, ping and other events', async () => {
    // https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries (test values).
    assert.equal(
      await verifyGitHubSignature(
        "It's a Secret to Everybody",
        Buffer.from('Hello, World!'),
        'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      ),
      true,
    );
    assert.equal(
      await verifyGitHubSignature(
        "It's a Secret to Everybody",
        Buffer.from('Hello, World?'),
        'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      ),
      false,
    );

    const ping = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
    assert.deepEqual((await deliver('ping', ping, 'd-ping')).body, {
      delivery: 'd-ping',
      event: 'ping',
      result: 'pong',
    });

    const unsigned = await deliver('ping', ping, 'd-x', {
      'content-type': 'application/json',
      'x-github-event': 'ping',
    } as never);
    assert.equal(unsigned.status, 401);
    assert.match(unsigned.type, /application\/problem\+json/);
    assert.match(unsigned.body.type, /webhook-signature-invalid$/);
    const tampered = await deliver('ping', ping.replace('awesome', 'awful'), 'd-y', signed(ping, 'ping', 'd-y'));
    assert.equal(tampered.status, 401);

    const issue = JSON.stringify({ action: 'opened', issue: { number: 3 } });
    const ignored = await deliver('issues', issue, 'd-issue');
    assert.deepEqual([ignored.status, ignored.body.result], [200, 'ignored']);

    const draft = await deliver('pull_request', pullRequestEvent('opened', 9, sha('9'), { draft: true }), 'd-draft');
    assert.deepEqual([draft.status, draft.body.result, draft.body.reason], [200, 'ignored', 'draft pull request']);
    const labeled = await deliver('pull_request', pullRequestEvent('labeled', 9, sha('9')), 'd-label');
    assert.deepEqual([labeled.status, labeled.body.result], [200, 'ignored']);
  });

  it('starts reviews from pull_request events, cancels the old head on a push, and ignores redeliveries', async () => {
    const [oldHead, newHead] = [sha('b'), sha('c')];
    gh.addPullRequest({ owner: 'acme', repo: 'api', number: 2, headSha: oldHead, baseSha: base, files });
    // Keeps the old head's review running (waiting for a rate-limit reset) until the push arrives.
    gh.failNext('GET', /\/pulls\/2\/files$/, rateLimitExhausted(Math.floor(Date.now() / 1000) + 30));

    const opened = pullRequestEvent('opened', 2, oldHead);
    const first = await deliver('pull_request', opened, 'd-open');
    assert.equal(first.status, 202, JSON.stringify(first.body));
    assert.equal(first.body.result, 'started');
    const oldId = first.body.reviewId as string;
    assert.equal(oldId, 'review:github:acme:api:2@bbbbbbbbbbbb');
    await waitFor(oldId, (r) => r.status === 'running');

    gh.setHead('acme', 'api', 2, newHead);
    const push = pullRequestEvent('synchronize', 2, newHead, { before: oldHead, after: newHead });
    const second = await deliver('pull_request', push, 'd-push');
    assert.equal(second.status, 202);
    const newId = second.body.reviewId as string;
    assert.deepEqual(second.body.cancelled, [oldId]);

    const cancelled = await waitFor(oldId, isTerminalReview);
    assert.equal(cancelled.status, 'cancelled');
    const done = await waitFor(newId, isTerminalReview);
    assert.equal(done.status, 'completed', JSON.stringify(done.failure));

    // GitHub redelivers with the same X-GitHub-Delivery and body: nothing new starts or is cancelled.
    const redelivered = await deliver('pull_request', push, 'd-push');
    assert.deepEqual(
      [redelivered.status, redelivered.body.result, redelivered.body.reviewId],
      [200, 'existing', newId],
    );
    const oldRedelivered = await deliver('pull_request', opened, 'd-open');
    assert.deepEqual(
      [oldRedelivered.status, oldRedelivered.body.result],
      [200, 'existing'],
      'a cancelled head stays cancelled',
    );
    assert.equal((await call('GET', `/reviews/${oldId}`)).body.status, 'cancelled');

    assert.equal(gh.reviews('acme', 'api', 2).length, 1, 'one review, for the new head');
    assert.equal(gh.reviews('acme', 'api', 2)[0]!.commit_id, newHead);
    assert.deepEqual(
      gh.statuses('acme', 'api', oldHead).map((s) => [s.state, s.description]),
      [
        ['pending', 'reviewflow is reviewing this commit'],
        ['error', 'Review cancelled'],
      ],
    );
    assert.deepEqual(
      gh.statuses('acme', 'api', newHead).map((s) => s.state),
      ['pending', 'failure'],
    );
  });
});
