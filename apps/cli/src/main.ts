import { ApiError, ApiUnreachableError } from './api-error.js';
import { processIo, type CliIo } from './cli-io.js';
import { cliVersion } from './cli-version.js';
import { createCommandContext, type Command } from './command-context.js';
import { cancelCommand } from './commands/cancel-command.js';
import { decideCommand } from './commands/decide-command.js';
import { listCommand } from './commands/list-command.js';
import { reviewCommand } from './commands/review-command.js';
import { statusCommand } from './commands/status-command.js';
import { ExitCode } from './exit-codes.js';
import { parseCommandLine, type CommandLine } from './parse-command-line.js';
import { createTerminalStyle } from './terminal-style.js';
import { UsageError } from './usage-error.js';
import { usageText } from './usage-text.js';

export type { CliIo } from './cli-io.js';

// A Map, not an object literal: `reviewflow constructor` must be an unknown command.
const commands = new Map<string, Command>([
  ['review', reviewCommand],
  ['status', statusCommand],
  ['list', listCommand],
  ['approve', decideCommand],
  ['reject', decideCommand],
  ['cancel', cancelCommand],
]);

/** Runs one `reviewflow` command line and answers its exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let parsed: CommandLine;
  try {
    parsed = parseCommandLine(argv);
  } catch (err) {
    io.stderr.write(`reviewflow: ${(err as Error).message}\nRun \`reviewflow --help\` for usage.\n`);
    return ExitCode.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(usageText);
    return ExitCode.ok;
  }
  if (values.version) {
    io.stdout.write(`${cliVersion}\n`);
    return ExitCode.ok;
  }
  const errStyle = createTerminalStyle(io.stderr, io.env, values['no-color']);
  try {
    const [command, ...args] = positionals;
    if (!command) throw new UsageError('no command given');
    const context = createCommandContext(parsed, io, errStyle);
    const run = commands.get(command);
    if (!run) throw new UsageError(`unknown command "${command}"`);
    return await run(context, command, args);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`reviewflow: ${err.message}\nRun \`reviewflow --help\` for usage.\n`);
      return ExitCode.usage;
    }
    if (err instanceof ApiError) {
      io.stderr.write(`${errStyle.red('error')}: ${err.describe()}\n`);
      return ExitCode.apiError;
    }
    if (err instanceof ApiUnreachableError) {
      io.stderr.write(`${errStyle.red('error')}: ${err.message}\n`);
      return ExitCode.apiError;
    }
    throw err;
  }
}
