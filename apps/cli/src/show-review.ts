import { writeFileSync } from 'node:fs';
import { cliVersion } from './cli-version.js';
import type { CommandContext } from './command-context.js';
import { ExitCode } from './exit-codes.js';
import { formatFindingsByFile, formatReviewText } from './format-review-text.js';
import { createProgressReporter } from './progress-bar.js';
import { terminalStatuses } from './review-status.js';
import type { ReviewView } from './review-view.js';
import { findingsAtOrAbove } from './severity.js';
import { toSarif } from './to-sarif.js';

/**
 * Prints a review (after following it to its end when `wait`) and answers the exit code: the
 * review's outcome, then the `--fail-on` gate over its findings.
 */
export async function showReview(context: CommandContext, initial: ReviewView, wait: boolean): Promise<number> {
  const { io } = context;
  let review = initial;
  if (wait && !terminalStatuses.has(review.status)) {
    const progress = context.progress ? createProgressReporter(io.stderr, context.errStyle) : undefined;
    progress?.update(review);
    try {
      review = await context.api.watchReview(review.id, (view) => progress?.update(view));
    } finally {
      progress?.done();
    }
  }
  const rendered =
    context.format === 'sarif'
      ? `${JSON.stringify(toSarif(review, { name: 'reviewflow', version: cliVersion, informationUri: 'https://reviewflow.dev' }), null, 2)}\n`
      : context.format === 'json'
        ? `${JSON.stringify(review, null, 2)}\n`
        : formatReviewText(review, context.style);
  if (context.output !== undefined) {
    writeFileSync(context.output, rendered);
    io.stderr.write(`wrote ${context.format} to ${context.output}\n`);
    if (context.format !== 'text') io.stdout.write(formatReviewText(review, context.style));
  } else {
    io.stdout.write(rendered);
  }
  if (!terminalStatuses.has(review.status)) return ExitCode.ok;
  if (review.status !== 'completed') return ExitCode.reviewNotCompleted;
  if (context.failOn) {
    const blocking = findingsAtOrAbove(review.findings, context.failOn);
    if (blocking.length > 0) {
      io.stderr.write(
        `${context.errStyle.red('gate')}: ${blocking.length} finding${blocking.length === 1 ? '' : 's'} at ${context.failOn} or above\n`,
      );
      if (context.format !== 'text' && context.output === undefined) {
        io.stderr.write(`${formatFindingsByFile(blocking, context.errStyle).join('\n')}\n`);
      }
      return ExitCode.findings;
    }
  }
  return ExitCode.ok;
}
