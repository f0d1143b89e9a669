import type { ReviewView } from './review-view.js';
import type { TerminalStyle } from './terminal-style.js';

/** Shows a review's progress while the CLI waits for it. */
export interface ProgressReporter {
  update(view: ReviewView): void;
  /** Finishes the display (ends the redrawn line). */
  done(): void;
}

const width = 24;

/** The step of a review and how far it is: chunks embedded while embedding, reviewed after. */
export function progressOf(view: ReviewView): { stage: string; done: number; total: number } {
  const stage = view.stage ?? view.status;
  const counts = view.counts;
  if (!counts) return { stage, done: 0, total: 0 };
  const done = stage === 'embedding' || stage === 'chunking' ? counts.chunksEmbedded : counts.chunksReviewed;
  return { stage, done, total: counts.chunks };
}

/** One line: `reviewing  [#########-----------]  9/20 chunks  3 findings`. */
export function renderProgressLine(view: ReviewView, style: TerminalStyle, bar: boolean): string {
  const { stage, done, total } = progressOf(view);
  const findings = view.counts?.findings ?? view.findings.length;
  const parts = [style.bold(stage.padEnd(17))];
  if (bar) {
    const filled = total > 0 ? Math.round((done / total) * width) : 0;
    parts.push(`[${style.cyan('#'.repeat(filled))}${'-'.repeat(width - filled)}]`);
  }
  parts.push(`${done}/${total} chunks`, `${findings} finding${findings === 1 ? '' : 's'}`);
  if (!view.progressAvailable && view.status !== 'queued') parts.push(style.dim('(no worker answered yet)'));
  return parts.join('  ');
}

/**
 * On a terminal a bar redrawn in place; elsewhere (CI logs) one line per change of stage or of
 * the chunk count, so logs show progress without a flood of carriage returns.
 */
export function createProgressReporter(
  stream: { isTTY?: boolean; write(text: string): unknown },
  style: TerminalStyle,
): ProgressReporter {
  const tty = stream.isTTY === true;
  let lastLine = '';
  let drawn = false;
  return {
    update(view) {
      const line = renderProgressLine(view, style, true);
      if (line === lastLine) return;
      lastLine = line;
      if (tty) {
        stream.write(`\r\x1b[2K${line}`);
        drawn = true;
      } else {
        stream.write(`${line}\n`);
      }
    },
    done() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
