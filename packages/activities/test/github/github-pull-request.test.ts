import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  rateLimitExhausted,
  secondaryRateLimit,
  startFakeGitHub,
  type FakeGitHub,
  type FakePullFile,
} from '@reviewflow/devkit';
import { ApplicationFailure } from '@temporalio/common';
import { FailureType, type ReviewReport, type GitHubSource } from '@reviewflow/contract';
import { fetchPullRequest } from '../../src/github/fetch-pull-request.js';
import { createGitHubClients } from '../../src/github/github-clients.js';
import { publishPullRequestReview } from '../../src/github/publish-pull-request-review.js';
import { setCommitStatus } from '../../src/github/set-commit-status.js';
import { toApplicationFailure } from '../../src/to-application-failure.js';

const head = 'a'.repeat(40);
const base = 'b'.repeat(40);
const source: GitHubSource = { kind: 'github', owner: 'acme', repo: 'api', pullNumber: 7, headSha: head };

const added = (name: string, lines: string[]): FakePullFile => ({
  filename: name,
  status: 'added',
  additions: lines.length,
  deletions: 0,
  changes: lines.length,
  patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`,
});

const files: FakePullFile[] = [
  added('src/config.js', ['const a = 1;', 'const key = "AKIAIOSFODNN7EXAMPLE";', 'console.log(a);']),
  {
    filename: 'src/renamed.js',
    previous_filename: 'src/old.js',
    status: 'renamed',
    additions: 1,
    deletions: 1,
    changes: 2,
    patch: '@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three',
  },
  {
    filename: 'src/gone.js',
    status: 'removed',
    additions: 0,
    deletions: 2,
    changes: 2,
    patch: '@@ -1,2 +0,0 @@\n-x\n-y',
  },
  { filename: 'logo.png', status: 'added', additions: 0, deletions: 0, changes: 0 },
  { filename: 'dist/huge.js', status: 'modified', additions: 40_000, deletions: 0, changes: 40_000 },
  ...Array.from({ length: 245 }, (_, i) => added(`gen/f${String(i).padStart(3, '0')}.txt`, [`line ${i}`])),
];

/** The failure `toApplicationFailure` makes of what the production code threw. */
const failureOf = async (run: () => Promise<unknown>): Promise<ApplicationFailure | Error> => {
  try {
    await run();
  } catch (err) {
    return toApplicationFailure(err) as ApplicationFailure | Error;
  }
  assert.fail('expected a failure');
};

describe('GitHub pull requests through Octokit against a loopback GitHub', () => {
  let gh: FakeGitHub;
  before(async () => {
    gh = await startFakeGitHub({ auth: { kind: 'token', token: 'ghp_test' } });
    gh.addPullRequest({
      owner: 'acme',
      repo: 'api',
      number: 7,
      headSha: head,
      baseSha: base,
      files,
      changedFiles: 3250,
    });
  });
  after(() => gh?.close());

  const clients = () =>
    createGitHubClients({ baseUrl: gh.baseUrl, auth: { kind: 'token', token: () => Promise.resolve('ghp_test') } });

  it('fetches every page of files and says what was left out and why', async () => {
    const octokit = await clients().forRepository('acme', 'api');
    const before = gh.requests.length;
    const changeset = await fetchPullRequest(octokit, source);
    const pages = gh.requests.slice(before).filter((r) => r.path.includes('/files'));
    assert.equal(pages.length, 3, 'followed the Link header over 3 pages of 100');
    assert.equal(changeset.files.length, 250);
    assert.deepEqual([changeset.base, changeset.head], [base, head]);
    const byPath = new Map(changeset.files.map((f) => [f.path, f]));
    assert.equal(byPath.get('src/config.js')?.hunks[0]?.lines[1]?.newLine, 2);
    assert.deepEqual(
      { status: byPath.get('src/renamed.js')?.status, oldPath: byPath.get('src/renamed.js')?.oldPath },
      { status: 'renamed', oldPath: 'src/old.js' },
    );
    assert.equal(byPath.get('src/gone.js')?.status, 'deleted');
    assert.equal(byPath.get('logo.png')?.status, 'binary');
    assert.equal(byPath.get('dist/huge.js')?.skipReason, 'patch-too-large');
    assert.deepEqual(changeset.omittedFiles, {
      count: 3000,
      reason: 'GitHub lists at most 3000 files of a pull request',
    });
  });

  it('fails permanently when the head moved since the review started', async () => {
    const octokit = await clients().forRepository('acme', 'api');
    const failure = await failureOf(() => fetchPullRequest(octokit, { ...source, headSha: 'c'.repeat(40) }));
    assert.ok(failure instanceof ApplicationFailure);
    assert.equal(failure.type, FailureType.GitHubHeadMismatch);
    assert.equal(failure.nonRetryable, true);
  });

  it('maps 401, 404 and 422 to non-retryable failures with a reason', async () => {
    const badToken = createGitHubClients({ baseUrl: gh.baseUrl, auth: { kind: 'token', token: async () => 'nope' } });
    const unauthorized = await failureOf(async () =>
      fetchPullRequest(await badToken.forRepository('acme', 'api'), source),
    );
    assert.ok(unauthorized instanceof ApplicationFailure);
    assert.deepEqual([unauthorized.type, unauthorized.nonRetryable], [FailureType.GitHubUnauthorized, true]);
    assert.match(unauthorized.message, /Bad credentials/);

    const octokit = await clients().forRepository('acme', 'api');
    const notFound = await failureOf(() => fetchPullRequest(octokit, { ...source, pullNumber: 999 }));
    assert.ok(notFound instanceof ApplicationFailure);
    assert.deepEqual([notFound.type, notFound.nonRetryable], [FailureType.GitHubNotFound, true]);

    const invalid = await failureOf(() =>
      setCommitStatus(octokit, source, { state: 'success', description: 'ok', targetUrl: 'x' }).then(() =>
        octokit.rest.pulls.createReview({
          owner: 'acme',
          repo: 'api',
          pull_number: 7,
          commit_id: head,
          event: 'COMMENT',
          body: 'x',
          comments: [{ path: 'src/config.js', line: 99, side: 'RIGHT', body: 'off the diff' }],
        }),
      ),
    );
    assert.ok(invalid instanceof ApplicationFailure);
    assert.deepEqual([invalid.type, invalid.nonRetryable], [FailureType.GitHubUnprocessable, true]);
    assert.match(invalid.message, /Line could not be resolved/);
  });

  it('keeps rate limits retryable with the next attempt at the reset time, and 5xx as they are', async () => {
    const octokit = await clients().forRepository('acme', 'api');
    const reset = Math.floor(Date.now() / 1000) + 120;
    gh.failNext('GET', /\/pulls\/7$/, rateLimitExhausted(reset));
    const primary = await failureOf(() => fetchPullRequest(octokit, source));
    assert.ok(primary instanceof ApplicationFailure);
    assert.deepEqual([primary.type, primary.nonRetryable], [FailureType.GitHubRateLimited, false]);
    const delayMs = Number(primary.nextRetryDelay);
    assert.ok(delayMs > 115_000 && delayMs <= 123_000, `delay until reset, got ${delayMs}`);

    gh.failNext('GET', /\/pulls\/7$/, secondaryRateLimit(30));
    const secondary = await failureOf(() => fetchPullRequest(octokit, source));
    assert.ok(secondary instanceof ApplicationFailure);
    assert.deepEqual(
      [secondary.type, secondary.nonRetryable, secondary.nextRetryDelay],
      [FailureType.GitHubRateLimited, false, 30_000],
    );

    gh.failNext('GET', /\/pulls\/7$/, secondaryRateLimit(5, 429));
    const tooMany = await failureOf(() => fetchPullRequest(octokit, source));
    assert.ok(tooMany instanceof ApplicationFailure);
    assert.equal(tooMany.nextRetryDelay, 5_000);

    gh.failNext('GET', /\/pulls\/7$/, { status: 403, body: { message: 'Resource not accessible by integration' } });
    const forbidden = await failureOf(() => fetchPullRequest(octokit, source));
    assert.ok(forbidden instanceof ApplicationFailure);
    assert.deepEqual([forbidden.type, forbidden.nonRetryable], [FailureType.GitHubForbidden, true]);

    gh.failNext('GET', /\/pulls\/7$/, { status: 502, body: { message: 'Server Error' } });
    const serverError = await failureOf(() => fetchPullRequest(octokit, source));
    assert.ok(!(serverError instanceof ApplicationFailure), 'a 5xx is retried by the policy, unchanged');
    assert.equal((serverError as { status?: number }).status, 502);
  });

  it('posts one review with inline comments on diff lines only, and never a second one', async () => {
    const octokit = await clients().forRepository('acme', 'api');
    const changeset = await fetchPullRequest(octokit, source);
    const report: ReviewReport & { source: GitHubSource } = {
      reviewId: 'review:github:acme:api:7@aaaaaaaaaaaa',
      source,
      outcome: 'completed',
      findings: [
        { file: 'src/config.js', line: 2, rule: 'secret/aws-access-key', severity: 'critical', message: 'AWS key' },
        { file: 'src/config.js', line: 3, rule: 'debug/console', severity: 'low', message: 'console.log' },
        { file: 'src/config.js', line: 3, rule: 'debug/other', severity: 'info', message: 'same line' },
        { file: 'dist/huge.js', line: 10, rule: 'debug/console', severity: 'low', message: 'not placeable' },
      ],
      findingsOmitted: 0,
      coverage: { filesFull: 1, filesPartial: 0, filesSkipped: 0, files: [] },
      reviewer: { name: 'offline', offline: true, description: 'offline default reviewer' },
      embedder: { name: 'hash', offline: true, description: 'feature hashing' },
      counts: { files: 250, chunks: 3, additions: 3, deletions: 0 },
    };
    const first = await publishPullRequestReview(octokit, {
      report,
      changeset,
      reviewUrl: 'http://api.test/reviews/x',
    });
    assert.deepEqual([first.created, first.inlineComments, first.findingsInSummary], [true, 2, 1]);
    const again = await publishPullRequestReview(octokit, { report, changeset });
    assert.deepEqual([again.created, again.url], [false, first.url]);

    const posted = gh.reviews('acme', 'api', 7);
    assert.equal(posted.length, 1);
    const [review] = posted;
    assert.equal(review?.event, 'COMMENT');
    assert.equal(review?.commit_id, head);
    assert.deepEqual(
      review?.comments.map((c) => [c.path, c.line]),
      [
        ['src/config.js', 2],
        ['src/config.js', 3],
      ],
    );
    assert.match(review?.comments[1]?.body ?? '', /console\.log[\s\S]*same line/);
    assert.match(review?.body ?? '', /Findings not on lines of this diff \(1\)[\s\S]*dist\/huge\.js:10/);
    assert.match(review?.body ?? '', /offline default reviewer/);
    assert.match(review?.body ?? '', /<!-- reviewflow:review id=review:github:acme:api:7@aaaaaaaaaaaa head=a{40} -->/);
  });
});

describe('GitHub App credentials', () => {
  it('mints an installation token from the app id and private key inside the client', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const gh = await startFakeGitHub({
      auth: {
        kind: 'app',
        appId: '4242',
        installationId: 77,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
    });
    try {
      gh.addPullRequest({
        owner: 'acme',
        repo: 'api',
        number: 7,
        headSha: head,
        baseSha: base,
        files: files.slice(0, 2),
      });
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const clients = createGitHubClients({
        baseUrl: gh.baseUrl,
        auth: { kind: 'app', appId: '4242', privateKey: async () => pem },
      });
      const changeset = await fetchPullRequest(await clients.forRepository('acme', 'api'), source);
      assert.equal(changeset.files.length, 2);
      const paths = gh.requests.map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`);
      assert.ok(paths.includes('GET /api/v3/repos/acme/api/installation'));
      assert.ok(paths.includes('POST /api/v3/app/installations/77/access_tokens'));
    } finally {
      await gh.close();
    }
  });
});
