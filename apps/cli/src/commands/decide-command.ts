import type { Command } from '../command-context.js';
import { ExitCode } from '../exit-codes.js';
import { UsageError } from '../usage-error.js';
import { singleArgument } from './single-argument.js';

/** `reviewflow approve <id>` and `reviewflow reject <id> --reason TEXT`: decides a review's gate. */
export const decideCommand: Command = async (context, command, args) => {
  const id = singleArgument(command, args, 'review id');
  const decision = command === 'reject' ? 'reject' : 'approve';
  const reason = context.options.reason;
  if (decision === 'reject' && !reason) throw new UsageError('reject needs --reason');
  const { approval } = await context.api.decide(id, decision, reason);
  context.emit(
    context.format === 'text'
      ? `${id}: ${approval?.state ?? command}\n`
      : `${JSON.stringify({ id, approval }, null, 2)}\n`,
  );
  return ExitCode.ok;
};
