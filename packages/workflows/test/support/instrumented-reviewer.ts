import { setTimeout as sleep } from 'node:timers/promises';
import { OfflineReviewer, type Reviewer } from '@reviewflow/activities';
import type { Chunk, Finding } from '@reviewflow/contract';

/**
 * The real offline reviewer, slowed down and watched: it records how many reviews run at once and
 * can fail its first attempts (or chosen ones), so tests can see the workflow's fan-out bound and retries.
 */
export class InstrumentedReviewer implements Reviewer {
  readonly info = new OfflineReviewer().info;
  private readonly inner = new OfflineReviewer();
  inFlight = 0;
  peakInFlight = 0;
  calls = 0;

  constructor(
    private readonly options: { delayMs?: number; failFirstCalls?: number; failCalls?: readonly number[] } = {},
  ) {}

  async review(chunk: Chunk): Promise<Finding[]> {
    this.calls++;
    if (this.calls <= (this.options.failFirstCalls ?? 0) || this.options.failCalls?.includes(this.calls))
      throw new Error(`transient failure ${this.calls}`);
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    try {
      await sleep(this.options.delayMs ?? 0);
      return await this.inner.review(chunk);
    } finally {
      this.inFlight--;
    }
  }
}
