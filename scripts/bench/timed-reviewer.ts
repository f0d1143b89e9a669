import { setTimeout as sleep } from 'node:timers/promises';
import { OfflineReviewer, type Reviewer } from '@reviewflow/activities';
import type { Finding } from '@reviewflow/contract';
import { nowMs } from './elapsed-ms.js';

/**
 * A reviewer whose every chunk review takes exactly `durationMs` and finds nothing, watched: how
 * many reviews run at once (peak), and when the first began and the last ended. The workflow's
 * fan-out is then the only thing between the ideal ceil(N/K)·d and the measured time.
 */
export class TimedReviewer implements Reviewer {
  readonly info = new OfflineReviewer().info;
  inFlight = 0;
  peakInFlight = 0;
  calls = 0;
  firstStartMs = Number.NaN;
  lastEndMs = Number.NaN;

  constructor(private readonly durationMs: number) {}

  async review(): Promise<Finding[]> {
    this.calls++;
    if (Number.isNaN(this.firstStartMs)) this.firstStartMs = nowMs();
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    try {
      await sleep(this.durationMs);
      return [];
    } finally {
      this.inFlight--;
      this.lastEndMs = nowMs();
    }
  }

  /** Forgets what it saw, for the next run. */
  reset(): void {
    this.inFlight = 0;
    this.peakInFlight = 0;
    this.calls = 0;
    this.firstStartMs = Number.NaN;
    this.lastEndMs = Number.NaN;
  }
}
