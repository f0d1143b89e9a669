import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand } from '../run-command.js';

/**
 * Registers `namespace` with the `temporal` CLI `cli` unless it exists, then waits until the frontend
 * serves it: describe reads the database, while most calls go through the frontend's namespace
 * cache, which learns of a new namespace on its next refresh (seconds later). `flags` are the CLI's
 * connection flags, the namespace among them.
 */
export async function registerNamespace(cli: string, flags: string[], namespace: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  let last = '';
  for (;;) {
    const described = await runCommand(cli, ['operator', 'namespace', 'describe', ...flags], {
      timeoutMs: 10_000,
    });
    if (described.code !== 0) {
      const created = await runCommand(cli, ['operator', 'namespace', 'create', ...flags, '--retention', '72h'], {
        timeoutMs: 20_000,
      });
      // History may not own its shards yet right after the frontend came up.
      if (created.code !== 0 && !/already/i.test(created.output)) last = created.output.trim();
    } else {
      const served = await runCommand(cli, ['operator', 'search-attribute', 'list', ...flags], {
        timeoutMs: 10_000,
      });
      if (served.code === 0) return;
      last = served.output.trim();
    }
    if (Date.now() > deadline) throw new Error(`namespace ${namespace} not served within 90 s: ${last}`);
    await sleep(1_000);
  }
}
