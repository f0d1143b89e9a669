import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workerTelemetryOptions, type WorkerTelemetryConfig } from '../src/worker-telemetry-config.js';

describe('workerTelemetryOptions', () => {
  const config: WorkerTelemetryConfig = { LOG_LEVEL: 'debug', METRICS_HOST: '0.0.0.0', METRICS_PORT: 9464 };
  const worker = {
    service: 'worker-test',
    histogramBuckets: { reviewflow_test: [1, 2] },
    logAttributes: (meta: Record<string | symbol, unknown>) => ({ ...meta, reviewId: 'r1' }),
  };

  it('takes the log level and exporter address from the settings, the rest from the worker', () => {
    const options = workerTelemetryOptions(config, worker);
    assert.equal(options.service, 'worker-test');
    assert.equal(options.logLevel, 'debug');
    assert.deepEqual(options.metrics, { host: '0.0.0.0', port: 9464, histogramBuckets: { reviewflow_test: [1, 2] } });
  });

  it('keeps failure messages in the logs of plain history and drops them with payload keys', () => {
    const error = new Error('failed on src/secret-name.js');
    const plain = workerTelemetryOptions(config, worker).logAttributes({ error });
    assert.equal(plain.error, error);
    assert.equal(plain.reviewId, 'r1');
    const encrypted = workerTelemetryOptions({ ...config, REVIEWFLOW_PAYLOAD_KEYS: 'k:x' }, worker).logAttributes({
      error,
    });
    assert.ok(!JSON.stringify(encrypted).includes('secret-name'), JSON.stringify(encrypted));
    assert.equal((encrypted.error as { name: string }).name, 'Error');
    assert.equal(encrypted.reviewId, 'r1');
  });
});
