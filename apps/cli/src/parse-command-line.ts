import { parseArgs } from 'node:util';

const options = {
  url: { type: 'string' },
  'api-key': { type: 'string' },
  base: { type: 'string' },
  head: { type: 'string' },
  wait: { type: 'boolean' },
  approval: { type: 'boolean' },
  'fail-on': { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  reason: { type: 'string' },
  status: { type: 'string' },
  repository: { type: 'string' },
  limit: { type: 'string' },
  'no-progress': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** A `reviewflow` command line read into its flags (`values`) and its command and arguments. */
export type CommandLine = ReturnType<typeof parseCommandLine>;

/**
 * Reads the flags every subcommand shares (one set, so a flag means the same everywhere); throws
 * on an unknown flag or a missing flag value.
 */
export function parseCommandLine(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, options });
}
