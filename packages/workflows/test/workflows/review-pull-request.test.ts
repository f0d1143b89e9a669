import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileArtifactStore, type ArtifactStore } from '@reviewflow/activities';
import { TaskQueue, type ReviewReport, type ReviewInput } from '@reviewflow/contract';
import { createGitRepo, createPlantedRepo } from '@reviewflow/devkit';
import { WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { gitSource } from '../support/git-source.js';
import { InstrumentedReviewer } from '../support/instrumented-reviewer.js';
import { startReviewWorkers } from '../support/review-workers.js';
import { startTimeSkippingEnv } from '../support/test-environments.js';

/** A repository whose head adds `files` files of one changed line each (one chunk per file). */
function repoWithFiles(files: number): string {
  const head: Record<string, string> = {};
  for (let i = 0; i < files; i++) head[`src/f${i}.js`] = `export const v${i} = ${i};\n`;
  return createGitRepo([{ 'README.md': 'x\n' }, head]);
}

let idCounter = 0;
const nextId = (name: string) => `test-${name}-${Date.now()}-${idCounter++}`;

describe('reviewPullRequest on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  before(async () => {
    env = await startTimeSkippingEnv();
  });
  after(async () => {
    await env?.teardown();
  });

  const review = (input: ReviewInput, id = nextId('review')) =>
    env.client.workflow.start('reviewPullRequest', { taskQueue: TaskQueue.cpu, workflowId: id, args: [input] });

  it('rejects a review with reason "timeout" when nobody decides within the default 24 hours', async () => {
    const workers = await startReviewWorkers(env.nativeConnection);
    const report = await workers.runUntil(async () => {
      const handle = await review({ source: gitSource(createPlantedRepo()), approval: { required: true } });
      const startedAt = await env.currentTimeMs();
      const result = (await handle.result()) as ReviewReport;
      // The test server skipped the wait: a full day passed on its clock, not on ours.
      assert.ok((await env.currentTimeMs()) - startedAt >= 24 * 3600 * 1000);
      return result;
    });
    assert.equal(report.outcome, 'rejected');
    assert.equal(report.approval?.decision, 'reject');
    assert.equal(report.approval?.reason, 'timeout');
  });

  it('keeps at most K chunk reviews in flight, and exactly K when there is enough work', async () => {
    const repo = repoWithFiles(12);
    for (const k of [1, 3, 5]) {
      const reviewer = new InstrumentedReviewer({ delayMs: 150 });
      const workers = await startReviewWorkers(env.nativeConnection, { reviewer });
      const report = await workers.runUntil(async () => {
        const handle = await review({ source: gitSource(repo), maxParallelChunks: k });
        return (await handle.result()) as ReviewReport;
      });
      assert.equal(report.counts.chunks, 12);
      assert.equal(reviewer.calls, 12);
      assert.equal(reviewer.peakInFlight, k, `peak in flight with K=${k}`);
    }
  });

  it('reviews the chunks in batches, one activity per batch, with as many lanes busy as one per chunk', async () => {
    const repo = repoWithFiles(12);
    // 12 chunks at most 4 per activity: 3 rounds of 4 at K=1; 2 rounds of 3 at K=2; one of 3 at K=4.
    for (const [k, batches] of [
      [1, 3],
      [2, 4],
      [4, 4],
    ] as const) {
      const reviewer = new InstrumentedReviewer({ delayMs: 50 });
      const workers = await startReviewWorkers(env.nativeConnection, { reviewer });
      const { report, activities } = await workers.runUntil(async () => {
        const handle = await review({ source: gitSource(repo), maxParallelChunks: k });
        const result = (await handle.result()) as ReviewReport;
        const events = (await handle.fetchHistory()).events ?? [];
        const scheduled = events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
        return { report: result, activities: scheduled };
      });
      assert.equal(report.counts.chunks, 12);
      assert.equal(reviewer.calls, 12);
      assert.equal(reviewer.peakInFlight, k, `peak in flight with K=${k}`);
      assert.equal(activities.filter((a) => a === 'reviewChunks').length, batches, `batches at K=${k}`);
      assert.ok(!activities.includes('reviewChunk'), 'no single-chunk activity on a new review');
    }
  });

  it('retries a batch whose third chunk failed without reviewing its first two again', async () => {
    // K=1 over 4 chunks: one batch of 4. Call 3 fails; the retry reuses the two stored results.
    const reviewer = new InstrumentedReviewer({ failCalls: [3] });
    const workers = await startReviewWorkers(env.nativeConnection, { reviewer });
    const report = await workers.runUntil(async () => {
      const handle = await review({ source: gitSource(repoWithFiles(4)), maxParallelChunks: 1 });
      return (await handle.result()) as ReviewReport;
    });
    assert.equal(report.outcome, 'completed');
    assert.equal(report.counts.chunks, 4);
    assert.equal(reviewer.calls, 5, 'chunks 1 and 2 once, chunk 3 twice, chunk 4 once');
    const stored = readdirSync(workers.dataDir, { recursive: true }).filter((f) => String(f).endsWith('-review.json'));
    // Chunks 1–3; the last one's result went out with the activity's completion.
    assert.equal(stored.length, 3, `one stored result per chunk but the last: ${stored.join(', ')}`);
  });

  it('retries a transient reviewer failure with backoff and completes', async () => {
    const reviewer = new InstrumentedReviewer({ failFirstCalls: 2 });
    const workers = await startReviewWorkers(env.nativeConnection, { reviewer });
    const { report, attempts } = await workers.runUntil(async () => {
      // One chunk at a time, so both failures hit the same activity.
      const handle = await review({ source: gitSource(createPlantedRepo()), maxParallelChunks: 1 });
      const result = (await handle.result()) as ReviewReport;
      const history = await handle.fetchHistory();
      const started = history.events?.filter((e) => e.activityTaskStartedEventAttributes) ?? [];
      return { report: result, attempts: started.map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0) };
    });
    assert.equal(report.outcome, 'completed');
    assert.equal(Math.max(...attempts), 3, 'the failing review activity succeeded on its third attempt');
  });

  it('ends at once with a typed, non-retryable failure for a revision that does not exist', async () => {
    const repo = createPlantedRepo();
    const workers = await startReviewWorkers(env.nativeConnection);
    const err = await workers.runUntil(async () => {
      const handle = await review({
        source: { ...gitSource(repo), head: 'f'.repeat(40) },
      });
      const failure = await handle.result().then(
        () => assert.fail('the review should fail'),
        (e: unknown) => e,
      );
      const history = await handle.fetchHistory();
      const attempts = history.events
        ?.filter((e) => e.activityTaskStartedEventAttributes)
        .map((e) => e.activityTaskStartedEventAttributes?.attempt);
      assert.deepEqual(attempts, [1], 'a permanent failure is not retried');
      return failure;
    });
    assert.ok(err instanceof WorkflowFailedError);
    let inner: unknown = err;
    while (inner instanceof Error && inner.cause) inner = inner.cause;
    assert.equal((inner as { type?: string }).type, 'GitUnknownRevision');
  });

  it('publishes exactly once when an attempt fails after its side effect', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reviewflow-publish-'));
    const real = new FileArtifactStore(dir);
    let crashes = 0;
    // A store that crashes the first publish right after the write succeeded, like a worker dying
    // between its side effect and reporting completion.
    const crashingStore: ArtifactStore = {
      ref: (key) => real.ref(key),
      has: (ref) => real.has(ref),
      get: (ref) => real.get(ref),
      async put(key, value) {
        const result = await real.put(key, value);
        if (key.endsWith('/report.json') && crashes++ === 0) throw new Error('crashed after writing the report');
        return result;
      },
    };
    const workers = await startReviewWorkers(env.nativeConnection, { store: crashingStore });
    const { report, publishes } = await workers.runUntil(async () => {
      const handle = await review({ source: gitSource(createPlantedRepo()) });
      const result = (await handle.result()) as ReviewReport;
      const history = await handle.fetchHistory();
      const publishAttempts = history.events
        ?.filter((e) => e.activityTaskStartedEventAttributes)
        .map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0)
        .filter((a) => a > 1);
      return { report: result, publishes: publishAttempts };
    });
    assert.equal(report.outcome, 'completed');
    assert.deepEqual(publishes, [2], 'the publish was retried once');
    const reports = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('report.json'));
    assert.equal(reports.length, 1, 'exactly one published report exists');
  });
});
