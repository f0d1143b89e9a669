import { UsageError } from '../usage-error.js';

/** The one argument of a subcommand that takes exactly one (`what` names it in the usage error). */
export function singleArgument(command: string, args: readonly string[], what: string): string {
  if (args.length !== 1) throw new UsageError(`${command} takes one ${what}`);
  return args[0]!;
}
