import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { createApiMetrics } from '../../src/metrics/create-api-metrics.js';
import { httpMetrics } from '../../src/plugins/http-metrics.js';

/** The value of one sample line of the exposition text, or undefined when the series is absent. */
function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe('httpMetrics', () => {
  it('starts every series it knows at 0, so the first request, review and approval are increases', async () => {
    const app = Fastify();
    const metrics = createApiMetrics();
    await app.register(httpMetrics, { metrics });
    // Registered after the metrics, as buildApp registers its routes; one in a child scope.
    app.get('/reviews/:id', { schema: { response: { 200: {}, 404: {}, 503: {} } } }, async () => ({}));
    await app.register(async (child) => {
      child.post('/reviews', { schema: { response: { 202: {}, '4xx': {} } } }, async () => ({}));
    });
    app.get('/plain', async () => 'no declared responses');
    await app.ready();

    const text = await metrics.registry.metrics();
    const count = (route: string, method: string, status: string) =>
      sample(
        text,
        `reviewflow_http_request_duration_seconds_count{route="${route}",method="${method}",status_code="${status}"}`,
      );
    assert.equal(count('/reviews/:id', 'GET', '200'), 0);
    assert.equal(count('/reviews/:id', 'GET', '503'), 0);
    assert.equal(count('/reviews/:id', 'GET', '404'), undefined, '4xx series appear with their first request');
    assert.equal(count('/reviews', 'POST', '202'), 0);
    assert.equal(count('/reviews/:id', 'HEAD', '200'), undefined, "HEAD twins of GET routes aren't declared");
    assert.ok(!text.includes('status_code="4xx"'), 'only exact status codes');
    assert.ok(!text.includes('route="/plain"'), 'a route without declared responses starts nothing');
    for (const [kind, outcome] of [
      ['git', 'created'],
      ['git', 'existing'],
      ['github', 'created'],
      ['github', 'existing'],
    ]) {
      assert.equal(sample(text, `reviewflow_reviews_started_total{source_kind="${kind}",outcome="${outcome}"}`), 0);
    }
    assert.equal(sample(text, 'reviewflow_approvals_total{decision="approve"}'), 0);
    assert.equal(sample(text, 'reviewflow_approvals_total{decision="reject"}'), 0);

    // The pre-created series are the ones requests then count in.
    assert.equal((await app.inject({ method: 'GET', url: '/reviews/abc' })).statusCode, 200);
    const after = await metrics.registry.metrics();
    assert.equal(
      sample(
        after,
        'reviewflow_http_request_duration_seconds_count{route="/reviews/:id",method="GET",status_code="200"}',
      ),
      1,
    );
    await app.close();
  });
});
