import { writeFileSync } from 'node:fs';
import { createApiClient, type ApiClient } from './api-client.js';
import type { CliIo } from './cli-io.js';
import type { CommandLine } from './parse-command-line.js';
import { isSeverity, severities, type Severity } from './severity.js';
import { createTerminalStyle, type TerminalStyle } from './terminal-style.js';
import { UsageError } from './usage-error.js';

/** How a subcommand prints what it fetched (`--format`). */
export type OutputFormat = 'text' | 'json' | 'sarif';

/** What every subcommand runs with: the flags, the API, where and how to print. */
export interface CommandContext {
  io: CliIo;
  options: CommandLine['values'];
  api: ApiClient;
  style: TerminalStyle;
  errStyle: TerminalStyle;
  format: OutputFormat;
  output?: string;
  failOn?: Severity;
  progress: boolean;
  /** Writes a command's result to `--output` when given, else to stdout. */
  emit(text: string): void;
}

/** One subcommand: answers the exit code, throws `UsageError` on a wrong command line. */
export type Command = (context: CommandContext, command: string, args: readonly string[]) => Promise<number>;

/**
 * Checks the flags every subcommand shares (before the command itself, so a wrong `--format`
 * is reported whatever the command) and connects the API client.
 */
export function createCommandContext({ values }: CommandLine, io: CliIo, errStyle: TerminalStyle): CommandContext {
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !isSeverity(failOn)) {
    throw new UsageError(`--fail-on must be one of ${severities.join(', ')}`);
  }
  const apiKey = values['api-key'] ?? io.env.REVIEWFLOW_API_KEY;
  return {
    io,
    options: values,
    api: createApiClient({
      url: values.url ?? io.env.REVIEWFLOW_URL ?? 'http://127.0.0.1:3000',
      ...(apiKey ? { apiKey } : {}),
      onStreamProblem: (p) =>
        io.stderr.write(`${errStyle.yellow('warning')}: ${p.title ?? 'problem'}${p.detail ? `: ${p.detail}` : ''}\n`),
    }),
    style: createTerminalStyle(io.stdout, io.env, values['no-color']),
    errStyle,
    format: format as OutputFormat,
    ...(values.output === undefined ? {} : { output: values.output }),
    ...(failOn === undefined ? {} : { failOn }),
    progress: !values['no-progress'],
    emit(text) {
      if (values.output !== undefined) writeFileSync(values.output, text);
      else io.stdout.write(text);
    },
  };
}
