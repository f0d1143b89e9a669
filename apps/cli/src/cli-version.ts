import { readFileSync } from 'node:fs';

/** The CLI's version, from its package.json (`reviewflow --version`, the SARIF tool version). */
export const cliVersion = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
