import type { Command } from '../command-context.js';
import { parseReviewTarget } from '../parse-review-target.js';
import { showReview } from '../show-review.js';
import { UsageError } from '../usage-error.js';
import { singleArgument } from './single-argument.js';

/** `reviewflow review <path | owner/repo#number>`: starts (or finds) the review of a change. */
export const reviewCommand: Command = async (context, command, args) => {
  const { options } = context;
  const target = singleArgument(command, args, 'path or owner/repo#number');
  let source;
  try {
    source = parseReviewTarget(
      target,
      {
        ...(options.base === undefined ? {} : { base: options.base }),
        ...(options.head === undefined ? {} : { head: options.head }),
      },
      context.io.cwd,
    );
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { review, created } = await context.api.startReview({
    source,
    ...(options.approval ? { approval: { required: true } } : {}),
  });
  context.io.stderr.write(`${created ? 'started' : 'existing'} review ${review.id}\n`);
  return showReview(context, review, options.wait === true || context.failOn !== undefined);
};
