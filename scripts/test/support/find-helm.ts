import { findTool } from '@reviewflow/devkit';

/**
 * The helm binary: `HELM_PATH` (which `npm test` sets after finding or `go install`ing it), else
 * `helm` on PATH, else `go install`'s bin folder. Throws a one-line message that says how to install
 * it: the chart checks must fail loudly on a machine without helm, never pass by skipping.
 */
export function findHelm(env: NodeJS.ProcessEnv = process.env): string {
  return findTool('helm', { env });
}
