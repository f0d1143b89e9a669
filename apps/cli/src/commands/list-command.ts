import type { Command } from '../command-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatReviewList } from '../format-review-text.js';
import { isReviewStatus, reviewStatuses } from '../review-status.js';
import { UsageError } from '../usage-error.js';

/** `reviewflow list`: the latest reviews, filtered by status and repository. */
export const listCommand: Command = async (context, _command, args) => {
  const { options } = context;
  if (args.length > 0) throw new UsageError('list takes no arguments');
  const status = options.status;
  if (status !== undefined && !isReviewStatus(status)) {
    throw new UsageError(`--status must be one of ${reviewStatuses.join(', ')}`);
  }
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 100)) {
    throw new UsageError('--limit must be a whole number from 1 to 100');
  }
  const { reviews } = await context.api.listReviews({
    ...(status === undefined ? {} : { status }),
    ...(options.repository === undefined ? {} : { repository: options.repository }),
    ...(limit === undefined ? {} : { pageSize: limit }),
  });
  context.emit(
    context.format === 'text' ? formatReviewList(reviews, context.style) : `${JSON.stringify(reviews, null, 2)}\n`,
  );
  return ExitCode.ok;
};
