/** Statuses after which a review changes no more. */
export const endedStatuses: readonly string[] = ['completed', 'failed', 'cancelled', 'rejected'];

/** What one chaos client knows about its review, from the last answer it got. */
export interface BoardEntry {
  pullNumber: number;
  /** Review id from the accepted POST; undefined until then. */
  id?: string;
  status: string;
  /** `stage` of the last GET while running (fetching, embedding, reviewing, publishing, ...). */
  stage: string;
  /** POSTs it took to get the review accepted (more than one when a fault was in the way). */
  startAttempts: number;
  startedAt?: number;
  endedAt?: number;
  /** Why the client gave up, when it did. */
  gaveUp?: string;
  /** When the client first saw each new stage or status (ms since the run began). */
  changes: Array<{ at: number; stage: string }>;
}

/**
 * The latest known state of every review of the run, written by the polling clients and read by the
 * fault injector to aim each fault at reviews in flight.
 */
export class ReviewBoard {
  readonly entries: BoardEntry[];

  constructor(pullNumbers: number[]) {
    this.entries = pullNumbers.map((pullNumber) => ({
      pullNumber,
      status: 'unstarted',
      stage: 'unstarted',
      startAttempts: 0,
      changes: [],
    }));
  }

  entry(pullNumber: number): BoardEntry {
    const entry = this.entries.find((e) => e.pullNumber === pullNumber);
    if (!entry) throw new Error(`no review for pull request ${pullNumber}`);
    return entry;
  }

  /** Reviews accepted and not yet ended. */
  inFlight(): BoardEntry[] {
    return this.entries.filter((e) => e.id !== undefined && !endedStatuses.includes(e.status));
  }

  /** How many reviews are at each stage (ended ones by their status). */
  stages(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const e of this.entries) {
      const key = endedStatuses.includes(e.status) ? e.status : e.stage;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /** Whether every client is done: its review ended or it gave up. */
  settled(): boolean {
    return this.entries.every((e) => endedStatuses.includes(e.status) || e.gaveUp !== undefined);
  }
}
