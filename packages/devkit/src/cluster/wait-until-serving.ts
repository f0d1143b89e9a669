import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand } from '../run-command.js';
import type { ClusterProcesses } from './cluster-processes.js';

/**
 * Waits until `temporal operator cluster health` (the CLI `cli`, connected with `cliFlags`) reports
 * the frontend SERVING; fails at once, with the frontend's log, should it exit meanwhile.
 */
export async function waitUntilServing(
  cli: string,
  cliFlags: string[],
  processes: ClusterProcesses,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (processes.hasExited('frontend'))
      throw new Error(`the frontend exited while starting:\n${processes.logTail('frontend')}`);
    const health = await runCommand(cli, ['operator', 'cluster', 'health', ...cliFlags], {
      timeoutMs: 10_000,
    });
    if (health.code === 0 && health.output.includes('SERVING')) return;
    last = health.output.trim();
    await sleep(500);
  }
  throw new Error(`the cluster's frontend was not serving within ${timeoutMs / 1000} s: ${last}`);
}
