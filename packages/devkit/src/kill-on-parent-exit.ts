import type { ChildProcess } from 'node:child_process';
import { hasExited } from './stop-child-process.js';

/**
 * SIGKILLs `child` should this process exit while the child still runs: a crashed test or launcher
 * must not leave a server holding its port (and its memory). 'exit' handlers must be synchronous,
 * so there is no polite signal first. The hook goes away when the child exits; the returned
 * function removes it earlier.
 */
export function killOnParentExit(child: ChildProcess): () => void {
  const kill = (): void => {
    if (!hasExited(child)) child.kill('SIGKILL');
  };
  const release = (): void => {
    process.removeListener('exit', kill);
  };
  process.once('exit', kill);
  child.once('exit', release);
  return release;
}
