import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpProblem, ProblemType } from '../../src/http-problem.js';
import { createApiMetrics } from '../../src/metrics/create-api-metrics.js';
import { createProgressHub, type ProgressWatcher } from '../../src/reviews/progress-hub.js';
import type { ReviewView } from '../../src/schemas/review-schemas.js';

const view = (status: ReviewView['status'], chunksReviewed: number): ReviewView => ({
  id: 'r1',
  status,
  createdAt: '2025-01-01T00:00:00.000Z',
  stage: status === 'completed' ? 'completed' : 'reviewing',
  counts: { files: 1, additions: 1, deletions: 0, chunks: 4, chunksEmbedded: 4, chunksReviewed, findings: 0 },
  findings: [],
  progressAvailable: true,
});

/** A review whose state the test moves by hand, counting every load. */
function fakeReview() {
  const state = { current: view('running', 0), loads: 0, gone: false };
  return {
    state,
    load: async (id: string): Promise<ReviewView> => {
      state.loads++;
      if (state.gone || id !== 'r1') throw new HttpProblem(404, ProblemType.reviewNotFound, 'Review not found');
      return state.current;
    },
  };
}

function recorder() {
  const seen: { views: ReviewView[]; problems: unknown[]; ended: boolean } = { views: [], problems: [], ended: false };
  const watcher: ProgressWatcher = {
    onView: (v) => seen.views.push(v),
    onProblem: (err) => seen.problems.push(err),
    onEnd: () => (seen.ended = true),
  };
  return { seen, watcher };
}

describe('progress hub', () => {
  it('polls a review once per interval however many watch it, and stops when the last one leaves', async (t) => {
    const review = fakeReview();
    const metrics = createApiMetrics();
    const hub = createProgressHub({ load: review.load, intervalMs: 20, metrics });
    t.after(() => hub.close());
    const watchers = Array.from({ length: 25 }, recorder);
    const unsubscribes = await Promise.all(watchers.map((w) => hub.subscribe('r1', w.watcher)));
    assert.equal(hub.pollers, 1);
    assert.equal(hub.watchers, 25);
    assert.equal(review.state.loads, 1, 'the first load is shared by every subscriber that waited for it');
    for (const w of watchers) assert.equal(w.seen.views.length, 1, 'each watcher gets the current state at once');

    // However slow the machine's timers run, a shared poller loads at most once per interval that
    // passed; a poll per watcher and interval would be 25 times that.
    const began = performance.now();
    while (review.state.loads < 6 && performance.now() - began < 10_000) await sleep(20);
    assert.ok(review.state.loads >= 6, `keeps polling: ${review.state.loads} loads in 10 s`);
    const intervals = (performance.now() - began) / 20;
    assert.ok(review.state.loads <= intervals + 2, `loads: ${review.state.loads} in ${intervals.toFixed(1)} intervals`);
    for (const w of watchers) assert.equal(w.seen.views.length, 1, 'an unchanged state is not sent again');

    review.state.current = view('running', 2);
    await sleep(60);
    for (const w of watchers) assert.deepEqual(w.seen.views.at(-1)?.counts?.chunksReviewed, 2);
    for (const w of watchers) assert.equal(w.seen.views.length, 2);

    const exported = await metrics.registry.getMetricsAsJSON();
    const gauge = (name: string) => exported.find((m) => m.name === name)?.values[0]?.value;
    assert.equal(gauge('reviewflow_review_event_pollers'), 1);
    assert.equal(gauge('reviewflow_review_event_watchers'), 25);

    for (const unsubscribe of unsubscribes) unsubscribe();
    assert.equal(hub.pollers, 0);
    assert.equal(hub.watchers, 0);
    const loadsAtLeave = review.state.loads;
    await sleep(100);
    assert.ok(review.state.loads <= loadsAtLeave + 1, 'no polling after the last watcher left');
  });

  it('sends the final state and ends every watcher when the review ends', async (t) => {
    const review = fakeReview();
    const hub = createProgressHub({ load: review.load, intervalMs: 10 });
    t.after(() => hub.close());
    const a = recorder();
    const b = recorder();
    await hub.subscribe('r1', a.watcher);
    await hub.subscribe('r1', b.watcher);
    review.state.current = view('completed', 4);
    await sleep(80);
    for (const w of [a, b]) {
      assert.equal(w.seen.ended, true);
      assert.equal(w.seen.views.at(-1)?.status, 'completed');
    }
    assert.equal(hub.pollers, 0);

    // A watcher of an ended review gets its state and the end at once.
    const late = recorder();
    await hub.subscribe('r1', late.watcher);
    assert.equal(late.seen.views.length, 1);
    assert.equal(late.seen.ended, true);
    assert.equal(hub.pollers, 0);
  });

  it('rejects a subscription to an unknown review and keeps no poller for it', async (t) => {
    const review = fakeReview();
    const hub = createProgressHub({ load: review.load, intervalMs: 10 });
    t.after(() => hub.close());
    await assert.rejects(hub.subscribe('nope', recorder().watcher), (err: unknown) => {
      assert.ok(err instanceof HttpProblem);
      assert.equal(err.status, 404);
      return true;
    });
    assert.equal(hub.pollers, 0);
    assert.equal(hub.watchers, 0);
  });

  it('reports a failing load once, backs off, and goes on when loads work again', async (t) => {
    const review = fakeReview();
    let failing = false;
    const hub = createProgressHub({
      load: async (id) => {
        if (failing) {
          review.state.loads++;
          throw new Error('UNAVAILABLE: connection refused');
        }
        return review.load(id);
      },
      intervalMs: 10,
      maxBackoffMs: 40,
    });
    t.after(() => hub.close());
    const w = recorder();
    const unsubscribe = await hub.subscribe('r1', w.watcher);
    failing = true;
    await sleep(200);
    assert.equal(w.seen.problems.length, 1, 'one problem per streak of failures');
    assert.ok(review.state.loads < 15, `backs off: ${review.state.loads} loads in 200 ms at a 10 ms interval`);
    failing = false;
    review.state.current = view('running', 3);
    await sleep(100);
    assert.equal(w.seen.views.at(-1)?.counts?.chunksReviewed, 3);
    assert.equal(w.seen.ended, false);
    unsubscribe();
  });

  it('ends watchers with a final problem when the review disappears', async (t) => {
    const review = fakeReview();
    const hub = createProgressHub({ load: review.load, intervalMs: 10 });
    t.after(() => hub.close());
    const w = recorder();
    await hub.subscribe('r1', w.watcher);
    review.state.gone = true;
    await sleep(60);
    assert.equal(w.seen.problems.length, 1);
    assert.equal(w.seen.ended, true);
    assert.equal(hub.pollers, 0);
  });

  it('close() ends every watcher and stops every poller', async (t) => {
    const review = fakeReview();
    const hub = createProgressHub({ load: review.load, intervalMs: 10 });
    t.after(() => hub.close());
    const w = recorder();
    await hub.subscribe('r1', w.watcher);
    hub.close();
    assert.equal(w.seen.ended, true);
    assert.equal(hub.pollers, 0);
  });
});
