import type { Command } from '../command-context.js';
import { ExitCode } from '../exit-codes.js';
import { singleArgument } from './single-argument.js';

/** `reviewflow cancel <id>`: asks the API to cancel a review. */
export const cancelCommand: Command = async (context, command, args) => {
  const id = singleArgument(command, args, 'review id');
  await context.api.cancel(id);
  context.emit(
    context.format === 'text'
      ? `${id}: cancellation requested\n`
      : `${JSON.stringify({ id, cancelRequested: true })}\n`,
  );
  return ExitCode.ok;
};
