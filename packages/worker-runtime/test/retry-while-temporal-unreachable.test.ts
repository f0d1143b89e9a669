import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { findTemporalCli, freePort, startDevServer, type DevServer } from '@reviewflow/devkit';
import { NativeConnection } from '@temporalio/worker';
import { isTemporalUnreachable, retryWhileTemporalUnreachable } from '../src/retry-while-temporal-unreachable.js';

describe('retryWhileTemporalUnreachable', () => {
  let server: DevServer | undefined;
  after(async () => {
    await server?.stop();
  });

  it('connects once a Temporal server comes up on the address it kept trying', async () => {
    const cli = await findTemporalCli();
    if (cli.kind !== 'existing-path') throw new Error('the Temporal CLI is required');
    const port = await freePort();
    const logged: Array<Record<string, unknown>> = [];
    let attempts = 0;
    const connecting = retryWhileTemporalUnreachable(
      async () => {
        attempts++;
        const connection = await NativeConnection.connect({ address: `127.0.0.1:${port}` });
        // What Worker.create does first: the namespace must be described, so the server must answer.
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return connection;
      },
      { log: (_message, meta) => logged.push(meta), initialDelayMs: 200 },
    );
    // Nothing listens yet: the first attempts are refused.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    server = await startDevServer({ cli: cli.path, port });
    const connection = await connecting;
    await connection.close();
    assert.ok(attempts > 1, `connected at attempt ${attempts}`);
    assert.equal(logged.length, attempts - 1);
    assert.match(String(logged[0]!.error), /refused|tcp connect error|Unavailable/i);
  });

  it('rethrows at once an error that is an answer, not an unreachable server', async () => {
    let attempts = 0;
    await assert.rejects(
      retryWhileTemporalUnreachable(
        async () => {
          attempts++;
          throw new Error('Namespace nope is not found');
        },
        { log: () => assert.fail('nothing to retry') },
      ),
      /nope is not found/,
    );
    assert.equal(attempts, 1);
    assert.equal(isTemporalUnreachable(Object.assign(new Error('x'), { code: 14 })), true);
    assert.equal(isTemporalUnreachable(Object.assign(new Error('x'), { code: 5 })), false);
  });
});
