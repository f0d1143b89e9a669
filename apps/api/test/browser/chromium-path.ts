import { existsSync } from 'node:fs';

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`
 * (`apt-get install chromium`; `.ci/run` installs it). Playwright's own browser download does not
 * work offline, so the test fails with how to fix it rather than being skipped.
 */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`no Chromium at ${path}: apt-get install chromium, or set CHROMIUM_PATH`);
  }
  return path;
}
