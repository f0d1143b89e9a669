import type { Command } from '../command-context.js';
import { showReview } from '../show-review.js';
import { singleArgument } from './single-argument.js';

/** `reviewflow status <id>`: shows a review, following it to its end with `--wait`. */
export const statusCommand: Command = async (context, command, args) => {
  const review = await context.api.getReview(singleArgument(command, args, 'review id'));
  return showReview(context, review, context.options.wait === true || context.failOn !== undefined);
};
