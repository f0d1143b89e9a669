import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeGitHub, type FakeGitHub, type FakePullRequest } from '@reviewflow/devkit';
import { createChaosPullRequests } from '../../chaos/chaos-pull-requests.js';
import { checkChaosRun } from '../../chaos/check-chaos-run.js';
import type { HttpExchange } from '../../chaos/http-log.js';
import type { FaultRecord } from '../../chaos/inject-faults.js';
import { ReviewBoard } from '../../chaos/review-board.js';

const temporalUnavailable = 'https://reviewflow.dev/problems/temporal-unavailable';

/**
 * The end-of-run checks of `npm run chaos` against a loopback GitHub server holding planted side
 * effects: a clean run passes, and each kind of damage (a second posted review, a comment posted
 * twice, conflicting statuses, an extra report, a second workflow run, a stuck review, a 5xx or an
 * unanswered request outside the API restart, a fault that hit nothing) is counted and fails it.
 */
describe('checkChaosRun', () => {
  let github: FakeGitHub;
  let pulls: FakePullRequest[];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'reviewflow-chaos-check-'));

  const post = async (url: string, body: unknown): Promise<void> => {
    const res = await fetch(`${github.baseUrl}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.ok(res.ok, `${url}: ${res.status}`);
  };
  const postReview = (pull: FakePullRequest) =>
    post(`/repos/${pull.owner}/${pull.repo}/pulls/${pull.number}/reviews`, {
      commit_id: pull.headSha,
      body: 'findings',
      event: 'COMMENT',
      comments: [{ path: pull.files[0]!.filename, line: 3, body: 'debug leftover' }],
    });
  const postStatus = (pull: FakePullRequest, state: string, description: string) =>
    post(`/repos/${pull.owner}/${pull.repo}/statuses/${pull.headSha}`, { state, context: 'reviewflow', description });
  const writeReport = (name: string) => {
    mkdirSync(path.join(dataDir, 'artifacts', name), { recursive: true });
    writeFileSync(path.join(dataDir, 'artifacts', name, 'report.json'), '{}');
  };
  const boardOf = (statuses: string[]) => {
    const board = new ReviewBoard(pulls.map((p) => p.number));
    statuses.forEach((status, i) => Object.assign(board.entries[i]!, { id: `review:${i + 1}`, status, stage: status }));
    return board;
  };
  const fault = (kind: FaultRecord['fault'], atMs: number, recoveredMs: number, inFlight = 2): FaultRecord => ({
    fault: kind,
    atMs,
    recoveredMs,
    inFlight,
    stages: {},
  });
  const answer = (sentAt: number, status: number | string, problemType?: string): HttpExchange => ({
    sentAt,
    at: sentAt + 10,
    method: 'GET',
    path: '/reviews/x',
    ...(typeof status === 'number' ? { status } : { error: status }),
    ...(problemType === undefined ? {} : { problemType }),
  });

  before(async () => {
    github = await startFakeGitHub();
    pulls = createChaosPullRequests(3, 1, 'check');
    for (const pull of pulls) github.addPullRequest(pull);
  });
  after(async () => {
    await github?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('passes a run where every review completed once with one of each side effect', async () => {
    for (const pull of pulls) {
      await postStatus(pull, 'pending', 'reviewing');
      await postReview(pull);
      await postStatus(pull, 'success', 'no blocking findings');
      // A retried status activity posts the same outcome again: GitHub shows it once.
      await postStatus(pull, 'success', 'no blocking findings');
    }
    for (const name of ['a', 'b', 'c']) writeReport(name);
    const checks = await checkChaosRun({
      board: boardOf(['completed', 'completed', 'completed']),
      exchanges: [answer(100, 200), answer(2_500, 503, temporalUnavailable), answer(5_500, 'ECONNREFUSED')],
      faults: [fault('temporal', 2_000, 3_000), fault('api', 5_000, 6_000)],
      listExecutions: async () => [1, 2, 3].map((n) => ({ workflowId: `review:${n}`, status: 'COMPLETED' })),
      github,
      pulls,
      dataDir,
    });
    assert.deepEqual(checks.failures, []);
    assert.equal(checks.completed, 3);
    assert.equal(checks.duplicateSideEffects, 0);
    assert.equal(checks.sideEffects.repeatedStatusPosts, 3);
    assert.equal(checks.http.unavailableInTemporalWindow, 1);
    assert.equal(checks.http.connectionErrorsInApiWindow, 1);
  });

  it('counts every kind of damage and fails the run', async () => {
    // Pull 1 gets a second review with the same inline comment and a second, different outcome.
    await postReview(pulls[0]!);
    await postStatus(pulls[0]!, 'failure', 'blocking findings');
    writeReport('d');
    const checks = await checkChaosRun({
      board: boardOf(['completed', 'completed', 'running']),
      exchanges: [
        answer(100, 500, 'https://reviewflow.dev/problems/internal'),
        answer(200, 'ECONNRESET'),
        // A 503 of the Temporal kind outside the Temporal window is not excused.
        answer(4_000, 503, temporalUnavailable),
        answer(5_500, 502),
      ],
      faults: [fault('temporal', 2_000, 3_000), fault('api', 5_000, 6_000, 0)],
      listExecutions: async () => [
        { workflowId: 'review:1', status: 'COMPLETED' },
        { workflowId: 'review:2', status: 'COMPLETED' },
        { workflowId: 'review:2', status: 'TERMINATED' },
        { workflowId: 'review:3', status: 'RUNNING' },
        { workflowId: 'review:9', status: 'COMPLETED' },
      ],
      visibilityWaitMs: 0,
      github,
      pulls,
      dataDir,
    });
    assert.equal(checks.completed, 2);
    assert.equal(checks.lost, 1);
    assert.equal(checks.sideEffects.duplicateReviews, 1);
    assert.equal(checks.sideEffects.duplicateComments, 1);
    assert.equal(checks.sideEffects.conflictingStatuses, 1);
    // Four reports for two completed reviews.
    assert.equal(checks.sideEffects.duplicateReports, 2);
    assert.equal(checks.duplicateSideEffects, 5);
    assert.deepEqual(checks.temporal.notOneRun, [{ id: 'review:2', runs: 2 }]);
    assert.deepEqual(checks.temporal.unknown, ['review:9']);
    assert.deepEqual(checks.temporal.executions, { COMPLETED: 3, TERMINATED: 1, RUNNING: 1 });
    assert.deepEqual(
      checks.http.serverErrorsOutside.map((e) => e.status),
      [500, 503],
    );
    assert.equal(checks.http.connectionErrorsOutside.length, 1);
    assert.equal(checks.http.serverErrorsInApiWindow, 1);
    assert.equal(checks.faultsMissed, 1);
    assert.equal(checks.failures.length, 8, checks.failures.join('\n'));
  });

  it('on the cluster: excuses calls to the killed API replica only, and finds the longest wait on a fault', async () => {
    const board = boardOf(['completed', 'completed', 'completed']);
    // Review 1 was reviewing when history-1 died at 2 s and moved on at 4.5 s; review 2 at 3 s.
    board.entries[0]!.startedAt = 1_000;
    board.entries[0]!.changes = [
      { at: 1_000, stage: 'queued' },
      { at: 1_500, stage: 'reviewing' },
      { at: 4_500, stage: 'publishing' },
    ];
    board.entries[1]!.startedAt = 1_200;
    board.entries[1]!.changes = [
      { at: 1_200, stage: 'reviewing' },
      { at: 3_000, stage: 'completed' },
    ];
    const dead = 'http://127.0.0.1:1';
    const live = 'http://127.0.0.1:2';
    const history = { ...fault('history', 2_000, 2_500), target: 'history-1' };
    const apiReplica = { ...fault('api-replica', 6_000, 6_000), target: 'api-1', base: dead };
    const checks = await checkChaosRun({
      board,
      exchanges: [
        answer(2_100, 503, temporalUnavailable),
        // In flight to the replica when it died, and the balancer's next try before it took it out.
        { ...answer(5_990, 'ECONNRESET'), base: dead },
        { ...answer(7_000, 'ECONNREFUSED'), base: dead },
        // The live replica must answer: a refusal there is not excused.
        { ...answer(7_000, 'ECONNREFUSED'), base: live },
        { ...answer(7_100, 500), base: live },
      ],
      faults: [history, apiReplica],
      listExecutions: async () => [1, 2, 3].map((n) => ({ workflowId: `review:${n}`, status: 'COMPLETED' })),
      github,
      pulls,
      dataDir,
    });
    assert.equal(checks.http.unavailableInTemporalWindow, 1);
    assert.equal(checks.http.connectionErrorsInApiWindow, 2);
    assert.equal(checks.http.connectionErrorsOutside.length, 1);
    assert.deepEqual(
      checks.http.serverErrorsOutside.map((e) => e.status),
      [500],
    );
    assert.deepEqual(checks.longestWaitOnFault, { ms: 2_500, fault: 'history', pullNumber: pulls[0]!.number });
  });
});
