import { findTool } from '@reviewflow/devkit';

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` (which `npm test` sets after finding or, as
 * root, apt-installing Debian's `chromium`), else `chromium` on PATH. Playwright's own browser
 * download does not work offline, so a missing one throws a one-line message that says how to
 * install it: call this before starting anything, so the test fails at once and leaves nothing open.
 */
export function chromiumPath(): string {
  return findTool('chromium');
}
