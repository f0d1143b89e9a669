import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { findTemporalCli, freePort, startDevServer, type DevServer } from '@reviewflow/devkit';
import { startAppProcess } from './observability/support/start-app-process.js';

describe('the API process on SIGTERM', () => {
  let server: DevServer;
  before(async () => {
    const cli = await findTemporalCli({ projectRoot: new URL('../..', import.meta.url).pathname });
    if (cli.kind !== 'existing-path') throw new Error('no Temporal CLI');
    server = await startDevServer({ cli: cli.path });
  });
  after(() => server?.stop());

  it('finishes the request in flight, refuses new connections, and exits 0', async () => {
    const port = await freePort();
    const api = startAppProcess('api', 'apps/api/src/server.ts', {
      TEMPORAL_ADDRESS: server.address,
      PORT: String(port),
      REVIEWFLOW_API_KEYS: 'shutdown-test-key-0123456789',
      SHUTDOWN_GRACE_SECONDS: '20',
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; ; i++) {
        const ready = await fetch(`${base}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) break;
        if (i > 240) throw new Error(`API not ready:\n${api.lines.join('\n')}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      // A listing goes to Temporal: in flight while the signal arrives.
      const inFlight = fetch(`${base}/reviews`, { headers: { authorization: 'Bearer shutdown-test-key-0123456789' } });
      // Signal once the API has taken the request (its request log), while it waits for Temporal.
      for (let i = 0; !api.lines.some((l) => l.includes('incoming request') && l.includes('"/reviews"')); i++) {
        if (i > 2000) throw new Error('the API never logged the request');
        await new Promise((r) => setImmediate(r));
      }
      api.child.kill('SIGTERM');
      const answer = await inFlight;
      assert.equal(answer.status, 200, 'the request in flight was answered');
      const [code, signal] = (await once(api.child, 'exit')) as [number | null, string | null];
      assert.equal(signal, null);
      assert.equal(code, 0, api.lines.join('\n'));
      assert.ok(api.lines.some((line) => line.includes('shutting down')));
      await assert.rejects(fetch(`${base}/healthz`), 'nothing listens after the exit');
    } finally {
      await api.stop();
    }
  });
});
