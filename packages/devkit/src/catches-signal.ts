import { readFileSync } from 'node:fs';
import { constants } from 'node:os';

/**
 * Whether process `pid` currently has a handler installed for `signal`, from Linux's
 * `/proc/<pid>/status` (`SigCgt`); undefined where that cannot be known (no /proc, process gone).
 *
 * Node catches SIGINT and SIGTERM from the start, and a process that removed its listener after
 * a first signal (the Temporal SDK's runtime does, to begin its graceful shutdown) is back to the
 * default action — so a second signal would kill it mid-drain. This is how a supervisor tells.
 */
export function catchesSignal(pid: number, signal: NodeJS.Signals): boolean | undefined {
  const signalNumber = constants.signals[signal];
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(status)?.[1];
  if (mask === undefined) return undefined;
  return ((BigInt(`0x${mask}`) >> BigInt(signalNumber - 1)) & 1n) === 1n;
}
