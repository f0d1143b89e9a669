import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@reviewflow/devkit';
import { Runtime } from '@temporalio/worker';
import { installWorkerRuntime } from '../src/install-worker-runtime.js';

describe('installWorkerRuntime', () => {
  // One runtime per process: every case below looks at the same installation.
  const lines: Record<string, any>[] = [];
  let port: number;
  const installed = (async () => {
    port = await freePort();
    return installWorkerRuntime({
      service: 'worker-test',
      logLevel: 'info',
      metrics: { host: '127.0.0.1', port, histogramBuckets: { test_duration: [0.5, 1, 2] } },
      logAttributes: (meta) => (typeof meta.workflowId === 'string' ? { reviewId: meta.workflowId, ...meta } : meta),
      destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
    });
  })();
  // No worker or connection ever registers with this runtime, so it would never shut itself down
  // and would keep the process (and the test runner) waiting.
  after(async () => {
    await installed;
    await Runtime.instance().shutdown();
  });
  const waitForLine = async (msg: string): Promise<Record<string, any>> => {
    // Forwarded logs are buffered for ~100 ms by the SDK before they reach the log function.
    for (let i = 0; i < 50; i++) {
      const line = lines.find((l) => l.msg === msg);
      if (line) return line;
      await sleep(50);
    }
    assert.fail(`no log line "${msg}" among ${JSON.stringify(lines)}`);
  };

  it('serves the SDK metrics in Prometheus conventions on the configured port', async () => {
    const runtime = await installed;
    assert.equal(runtime.metricsAddress, `127.0.0.1:${port}`);
    const meter = Runtime.instance().metricMeter;
    meter.createCounter('test_things', undefined, 'Things').add(2, { kind: 'a' });
    meter.createHistogram('test_duration', 'float', 'seconds', 'Durations').record(1.5);
    // The SDK tags workflow and activity metrics like this (camelCase), through withTags.
    meter.withTags({ taskQueue: 'q' }).createCounter('test_tagged').add(1, { activityType: 'x' });
    let text = '';
    for (let i = 0; i < 40 && !text.includes('test_tagged'); i++) {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      assert.equal(response.status, 200);
      text = await response.text();
      await sleep(100);
    }
    assert.match(text, /^test_things_total\{kind="a"\} 2$/m, 'counters end in _total');
    assert.match(text, /^test_duration_seconds_bucket\{le="2"\} 1$/m, 'histograms carry their unit and our buckets');
    assert.doesNotMatch(text, /service_name=/, 'no constant service_name label');
    assert.match(text, /^test_tagged_total\{activity_type="x",task_queue="q"\} 1$/m, 'tag names in snake_case');
  });

  it('writes JSON lines with the service, level, time and the added attributes', async () => {
    await installed;
    const before = Date.now();
    Runtime.instance().logger.info('about a review', { workflowId: 'review:git:x', attempt: 1 });
    const line = await waitForLine('about a review');
    assert.equal(line.name, 'worker-test');
    assert.equal(line.level, 30);
    assert.equal(line.reviewId, 'review:git:x');
    assert.equal(line.workflowId, 'review:git:x');
    assert.equal(line.attempt, 1);
    assert.ok(line.time >= before - 1000 && line.time <= Date.now() + 1000, `time ${line.time}`);
  });

  it('keeps errors readable and drops lines below the level', async () => {
    await installed;
    Runtime.instance().logger.debug('too chatty');
    Runtime.instance().logger.warn('step failed', { error: new Error('boom') });
    const line = await waitForLine('step failed');
    assert.equal(line.level, 40);
    assert.equal(line.error.message, 'boom');
    assert.match(line.error.stack, /boom/);
    assert.ok(!lines.some((l) => l.msg === 'too chatty'));
  });

  it('refuses a second installation', async () => {
    await installed;
    assert.throws(() =>
      installWorkerRuntime({ service: 'again', logLevel: 'info', metrics: { host: '127.0.0.1', port: 0 } }),
    );
  });
});
