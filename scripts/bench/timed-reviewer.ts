import { setTimeout as sleep } from 'node:timers/promises';
import { OfflineReviewer, type Reviewer } from '@reviewflow/activities';
import type { Finding } from '@reviewflow/contract';
import { Context } from '@temporalio/activity';
import { nowMs } from './elapsed-ms.js';

/** One chunk review as the reviewer saw it: which activity ran it, and when. */
export interface ReviewSpan {
  activityId: string;
  startMs: number;
  endMs: number;
}

/**
 * A reviewer whose every chunk review takes exactly `durationMs` and finds nothing, watched: how
 * many reviews run at once (peak), and when each began and ended in which activity. The workflow's
 * fan-out is then the only thing between the ideal ceil(N/K)·d and the measured time.
 */
export class TimedReviewer implements Reviewer {
  readonly info = new OfflineReviewer().info;
  inFlight = 0;
  peakInFlight = 0;
  calls = 0;
  firstStartMs = Number.NaN;
  lastEndMs = Number.NaN;
  spans: ReviewSpan[] = [];

  constructor(private readonly durationMs: number) {}

  async review(): Promise<Finding[]> {
    this.calls++;
    const startMs = nowMs();
    if (Number.isNaN(this.firstStartMs)) this.firstStartMs = startMs;
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    try {
      await sleep(this.durationMs);
      return [];
    } finally {
      this.inFlight--;
      this.lastEndMs = nowMs();
      this.spans.push({ activityId: Context.current().info.activityId, startMs, endMs: this.lastEndMs });
    }
  }

  /** Forgets what it saw, for the next run. */
  reset(): void {
    this.inFlight = 0;
    this.peakInFlight = 0;
    this.calls = 0;
    this.firstStartMs = Number.NaN;
    this.lastEndMs = Number.NaN;
    this.spans = [];
  }
}
