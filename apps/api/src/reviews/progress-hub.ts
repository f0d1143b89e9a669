import { setTimeout as sleep } from 'node:timers/promises';
import { HttpProblem } from '../http-problem.js';
import type { ApiMetrics } from '../metrics/create-api-metrics.js';
import type { ReviewView } from '../schemas/review-schemas.js';

/** Receives one review's progress from a {@link ProgressHub}. */
export interface ProgressWatcher {
  /** A new state of the review; the first call carries the state at subscription time. */
  onView(view: ReviewView): void;
  /** Loading the review failed; the hub keeps trying unless `final` (the review is gone). */
  onProblem(error: unknown, final: boolean): void;
  /** The review ended (its last view was sent) or is gone: no more calls follow. */
  onEnd(): void;
}

/** The series a {@link ProgressHub} keeps: its pollers and watchers now, and the loads it made. */
export type ProgressHubMetrics = Pick<ApiMetrics, 'reviewEventPollers' | 'reviewEventWatchers' | 'reviewEventPolls'>;

/** Options of {@link createProgressHub}. */
export interface ProgressHubOptions {
  /** Loads the current state of a review; throws a 404 HttpProblem for an unknown one. */
  load(id: string): Promise<ReviewView>;
  /** Pause between two loads of one review while anyone watches it. */
  intervalMs: number;
  /** Longest pause after failed loads (the pause doubles from `intervalMs` up to this). */
  maxBackoffMs?: number;
  /** Where the hub counts; none in tests that do not look at it. */
  metrics?: ProgressHubMetrics;
}

/** One shared poller per watched review (see {@link createProgressHub}). */
export interface ProgressHub {
  /**
   * Adds a watcher of review `id`. Resolves with an unsubscribe function once the watcher got the
   * review's current state; rejects (and adds nothing) when the review cannot be loaded at all, so
   * callers can answer a 404 before they start a stream.
   */
  subscribe(id: string, watcher: ProgressWatcher): Promise<() => void>;
  /** Reviews polled right now. */
  readonly pollers: number;
  /** Watchers attached right now, over all reviews. */
  readonly watchers: number;
  /** Stops every poller and ends every watcher (process shutdown). */
  close(): void;
}

const terminalStatuses: ReadonlySet<string> = new Set(['completed', 'rejected', 'failed', 'cancelled']);

interface Poller {
  id: string;
  watchers: Set<ProgressWatcher>;
  /** The last view sent, as JSON, to detect changes. */
  lastJson?: string;
  lastView?: ReviewView;
  /** Settles with the first load: subscribers wait for it before they count as attached. */
  ready: Promise<void>;
  stop: AbortController;
}

/**
 * Fans the progress of reviews out to any number of watchers (server-sent event streams) while
 * asking Temporal once per review and interval, however many watch it: watchers attach to the
 * review's poller, the first one starts it and the last one to leave stops it. A review that ends
 * stops its poller after its final state went out.
 *
 * Why polling the progress query rather than long-polling the workflow: a query writes nothing to
 * the review's history, whereas a long-poll (an update that waits for the next change) adds events
 * to it for every wait of every watcher and needs a workflow change behind `patched()`. Sharing
 * the poll keeps Temporal's load at one describe + one query per watched review and interval per
 * API process, however many CI jobs and terminals watch.
 */
export function createProgressHub(options: ProgressHubOptions): ProgressHub {
  const pollers = new Map<string, Poller>();
  const maxBackoffMs = options.maxBackoffMs ?? Math.max(options.intervalMs * 16, 10_000);
  let watcherCount = 0;
  const { metrics } = options;

  const broadcast = (poller: Poller, send: (w: ProgressWatcher) => void): void => {
    // A watcher's failure (a broken socket) must not keep the others from their update.
    for (const watcher of [...poller.watchers]) {
      try {
        send(watcher);
      } catch {
        detach(poller, watcher);
      }
    }
  };

  const detach = (poller: Poller, watcher: ProgressWatcher): void => {
    if (!poller.watchers.delete(watcher)) return;
    watcherCount--;
    metrics?.reviewEventWatchers.set(watcherCount);
    if (poller.watchers.size === 0) retire(poller);
  };

  const retire = (poller: Poller): void => {
    if (pollers.get(poller.id) === poller) pollers.delete(poller.id);
    metrics?.reviewEventPollers.set(pollers.size);
    poller.stop.abort();
  };

  const end = (poller: Poller): void => {
    retire(poller);
    const watchers = [...poller.watchers];
    poller.watchers.clear();
    watcherCount -= watchers.length;
    metrics?.reviewEventWatchers.set(watcherCount);
    for (const watcher of watchers) {
      try {
        watcher.onEnd();
      } catch {
        // The stream is gone already.
      }
    }
  };

  const publish = (poller: Poller, view: ReviewView): void => {
    const json = JSON.stringify(view);
    if (json === poller.lastJson) return;
    poller.lastJson = json;
    poller.lastView = view;
    broadcast(poller, (w) => w.onView(view));
  };

  const loadOnce = async (poller: Poller): Promise<ReviewView> => {
    metrics?.reviewEventPolls.inc();
    return options.load(poller.id);
  };

  const run = async (poller: Poller, first: ReviewView): Promise<void> => {
    let view = first;
    let failures = 0;
    while (!poller.stop.signal.aborted) {
      if (terminalStatuses.has(view.status)) {
        end(poller);
        return;
      }
      const pause = failures === 0 ? options.intervalMs : Math.min(options.intervalMs * 2 ** failures, maxBackoffMs);
      try {
        await sleep(pause, undefined, { signal: poller.stop.signal });
      } catch {
        return;
      }
      try {
        view = await loadOnce(poller);
        failures = 0;
      } catch (err) {
        if (poller.stop.signal.aborted) return;
        const gone = err instanceof HttpProblem && err.status === 404;
        // Report the first failure of a streak only: watchers need to know, not a stream of repeats.
        if (failures === 0 || gone) broadcast(poller, (w) => w.onProblem(err, gone));
        if (gone) {
          end(poller);
          return;
        }
        failures++;
        continue;
      }
      if (poller.stop.signal.aborted) return;
      publish(poller, view);
    }
  };

  const start = (id: string): Poller => {
    let resolveReady!: () => void;
    let rejectReady!: (err: unknown) => void;
    const poller: Poller = {
      id,
      watchers: new Set(),
      ready: new Promise<void>((resolve, reject) => {
        resolveReady = resolve;
        rejectReady = reject;
      }),
      stop: new AbortController(),
    };
    // Subscribers await `ready` themselves; this keeps an unawaited rejection from crashing the process.
    poller.ready.catch(() => {});
    pollers.set(id, poller);
    metrics?.reviewEventPollers.set(pollers.size);
    loadOnce(poller).then(
      (view) => {
        poller.lastJson = JSON.stringify(view);
        poller.lastView = view;
        resolveReady();
        void run(poller, view);
      },
      (err: unknown) => {
        retire(poller);
        rejectReady(err);
      },
    );
    return poller;
  };

  return {
    async subscribe(id, watcher) {
      const poller = pollers.get(id) ?? start(id);
      await poller.ready;
      // The review may have ended (and its poller retired) while this subscriber waited: it still
      // gets the final state, then the end, like everyone who watched it.
      const view = poller.lastView!;
      if (poller.stop.signal.aborted) {
        if (!terminalStatuses.has(view.status)) return this.subscribe(id, watcher);
        watcher.onView(view);
        watcher.onEnd();
        return () => {};
      }
      poller.watchers.add(watcher);
      watcherCount++;
      metrics?.reviewEventWatchers.set(watcherCount);
      watcher.onView(view);
      return () => detach(poller, watcher);
    },
    get pollers() {
      return pollers.size;
    },
    get watchers() {
      return watcherCount;
    },
    close() {
      for (const poller of [...pollers.values()]) end(poller);
    },
  };
}
