import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPlantedRepo } from '@reviewflow/devkit';
import Fastify, { type FastifyInstance } from 'fastify';
import { problemHandler } from '../../src/plugins/problem-handler.js';
import { reviewEventsRoutes } from '../../src/routes/review-events-routes.js';
import { ProblemSchema } from '../../src/schemas/problem-schema.js';
import { EventStreamReader } from '../support/event-stream-reader.js';
import { startTestStack, testApiKey, type TestStack } from '../support/test-stack.js';

const auth = { authorization: `Bearer ${testApiKey}` };
type Json = Record<string, any>;

describe('GET /reviews/:id/events against a real Temporal dev server', () => {
  let stack: TestStack;
  let base: string;
  const repos: string[] = [];
  const open: AbortController[] = [];

  const call = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as Json;
  };
  const watch = async (
    path: string,
    url = base,
  ): Promise<{ res: Response; reader: EventStreamReader; abort(): void }> => {
    const controller = new AbortController();
    open.push(controller);
    const res = await fetch(`${url}${path}`, { headers: auth, signal: controller.signal });
    if (res.status !== 200) assert.fail(`${res.status}: ${await res.text()}`);
    return { res, reader: new EventStreamReader(res.body!), abort: () => controller.abort() };
  };
  const metric = async (name: string): Promise<number> => {
    const text = await (await fetch(`${base}/metrics`, { headers: auth })).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    assert.ok(line, `metric ${name} is exported`);
    return Number(line.split(' ')[1]);
  };
  const untilMetric = async (name: string, value: number): Promise<void> => {
    for (let i = 0; i < 100 && (await metric(name)) !== value; i++) await sleep(50);
    assert.equal(await metric(name), value, name);
  };
  /** A review that waits at its approval gate, so its watchers stay connected until a decision. */
  const startGatedReview = async (): Promise<string> => {
    // A repository of its own: the same source and commits would be the same (maybe ended) review.
    const repo = createPlantedRepo();
    repos.push(repo);
    const started = await call('POST', '/reviews', {
      source: { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' },
      approval: { required: true },
    });
    assert.ok(started.id, JSON.stringify(started));
    return started.id as string;
  };
  const progressOf = (e: { event: string; data: string }): Json | undefined =>
    e.event === 'progress' ? (JSON.parse(e.data) as Json) : undefined;

  before(async () => {
    stack = await startTestStack();
    await stack.app.listen({ host: '127.0.0.1', port: 0 });
    const address = stack.app.server.address();
    assert.ok(address && typeof address === 'object');
    base = `http://127.0.0.1:${address.port}`;
  });
  after(async () => {
    for (const c of open) c.abort();
    await stack?.stop();
    for (const repo of repos) rmSync(repo, { recursive: true, force: true });
  });

  it('answers a 404 problem for an unknown review before any stream starts, and 401 without a key', async () => {
    const missing = await fetch(`${base}/reviews/review:nope/events`, { headers: auth });
    assert.equal(missing.status, 404);
    assert.match(String(missing.headers.get('content-type')), /^application\/problem\+json/);
    assert.match(((await missing.json()) as Json).type, /review-not-found$/);

    const anonymous = await fetch(`${base}/reviews/review:nope/events`);
    assert.equal(anonymous.status, 401);
    assert.match(String(anonymous.headers.get('content-type')), /^application\/problem\+json/);
  });

  it('streams the progress of a review to many watchers through one poller, until the review ends', async () => {
    const id = await startGatedReview();
    const path = `/reviews/${encodeURIComponent(id)}/events`;
    const watchers = await Promise.all(Array.from({ length: 6 }, () => watch(path)));
    for (const w of watchers) {
      assert.match(String(w.res.headers.get('content-type')), /^text\/event-stream/);
      assert.equal(w.res.headers.get('cache-control'), 'no-cache, no-transform');
      await w.reader.waitFor((e) => progressOf(e)?.status === 'awaiting_approval');
    }
    assert.equal(await metric('reviewflow_review_event_watchers'), 6);
    assert.equal(await metric('reviewflow_review_event_pollers'), 1, 'one poller for six watchers');

    // One load per second in all (the default interval), not one per watcher and second.
    const pollsBefore = await metric('reviewflow_review_event_polls_total');
    await sleep(3000);
    const polls = (await metric('reviewflow_review_event_polls_total')) - pollsBefore;
    assert.ok(polls >= 2 && polls <= 4, `${polls} loads in 3 s for 6 watchers`);

    const progress = progressOf(
      watchers[0]!.reader.events.find((e) => progressOf(e)?.status === 'awaiting_approval')!,
    )!;
    assert.equal(progress.approval.state, 'waiting');
    assert.equal(progress.counts.chunksReviewed, progress.counts.chunks);
    assert.ok(
      progress.findings.some((f: Json) => f.rule.startsWith('secret/')),
      'findings so far are in the event',
    );

    const decided = await call('POST', `/reviews/${encodeURIComponent(id)}/approval`, { decision: 'approve' });
    assert.equal(decided.approval.state, 'approved');
    for (const w of watchers) {
      await w.reader.waitFor((e) => e.event === 'end');
      await w.reader.finished();
      const progressEvents = w.reader.events.filter((e) => e.event === 'progress').map((e) => progressOf(e)!);
      assert.equal(progressEvents.at(-1)!.status, 'completed');
      assert.deepEqual(JSON.parse(w.reader.events.at(-1)!.data), { id, status: 'completed' });
      // Only changes are sent: no two consecutive events carry the same state.
      for (let i = 1; i < progressEvents.length; i++) {
        assert.notDeepEqual(progressEvents[i], progressEvents[i - 1]);
      }
    }
    await untilMetric('reviewflow_review_event_pollers', 0);
    await untilMetric('reviewflow_review_event_watchers', 0);

    // The stream of an ended review is its final state and the end.
    const late = await watch(path);
    await late.reader.finished();
    assert.deepEqual(
      late.reader.events.filter((e) => e.event !== 'comment').map((e) => e.event),
      ['progress', 'end'],
    );
  });

  it('stops polling when the last watcher disconnects', async () => {
    const id = await startGatedReview();
    const path = `/reviews/${encodeURIComponent(id)}/events`;
    const a = await watch(path);
    const b = await watch(path);
    await a.reader.waitFor((e) => e.event === 'progress');
    await b.reader.waitFor((e) => e.event === 'progress');
    await untilMetric('reviewflow_review_event_watchers', 2);
    assert.equal(await metric('reviewflow_review_event_pollers'), 1);
    a.abort();
    await untilMetric('reviewflow_review_event_watchers', 1);
    assert.equal(await metric('reviewflow_review_event_pollers'), 1, 'the other watcher keeps the poller');
    b.abort();
    await untilMetric('reviewflow_review_event_pollers', 0);
    const polls = await metric('reviewflow_review_event_polls_total');
    await sleep(1500);
    assert.equal(await metric('reviewflow_review_event_polls_total'), polls, 'no loads without watchers');
    await call('POST', `/reviews/${encodeURIComponent(id)}/cancel`);
  });

  it('sends heartbeat comments on an idle stream and ends open streams when the app closes', async () => {
    // The same plugin with a short heartbeat, on its own app over the stack's Temporal client.
    const app: FastifyInstance = Fastify();
    app.addSchema(ProblemSchema);
    await app.register(problemHandler);
    await app.register(reviewEventsRoutes, { temporal: stack.client, queryTimeoutMs: 3000, heartbeatMs: 100 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = app.server.address();
      assert.ok(address && typeof address === 'object');
      const id = await startGatedReview();
      const w = await watch(`/reviews/${encodeURIComponent(id)}/events`, `http://127.0.0.1:${address.port}`);
      await w.reader.waitFor((e) => progressOf(e)?.status === 'awaiting_approval');
      const count = () => w.reader.events.filter((e) => e.event === 'comment').length;
      const before = count();
      await sleep(550);
      assert.ok(count() - before >= 3, `heartbeats in 550 ms at 100 ms: ${count() - before}`);
      // Closing must not wait for the (endless) stream of a review awaiting approval.
      const closed = app.close().then(() => 'closed');
      assert.equal(await Promise.race([closed, sleep(5000).then(() => 'hung')]), 'closed');
      await w.reader.finished();
      await call('POST', `/reviews/${encodeURIComponent(id)}/cancel`);
    } finally {
      await app.close();
    }
  });
});
