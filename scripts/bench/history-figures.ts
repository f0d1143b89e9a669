// CommonJS whose exports Node cannot list statically: use its default export.
import proto from '@temporalio/proto';
import type { WorkflowHandle } from '@temporalio/client';

const EventType = proto.temporal.api.enums.v1.EventType;

/**
 * The history length a completed review with `chunkActivities` chunk-review activities (git
 * source, no approval gate) should have with today's workflow code, as [fewest, most]:
 * start (1) + first workflow task (3); fetch, plan and embed each an upsert of the stage, an
 * activity and a workflow task (3 × 7); reviewing: the stage upsert, the ai-review and
 * chunk-batches patch markers and the SDK's TemporalChangeVersion upsert that goes with each (5),
 * three events per chunk-review activity and three per workflow task that takes completions — one
 * when all completions arrive together, one per activity when they come one by one (K = 1);
 * publishing: the stage upsert, the review-summary marker and its upsert (3), the summary activity
 * and a workflow task (6), publish and a workflow task (6); the final upsert and the completion (2).
 */
export function expectedReviewEvents(chunkActivities: number): { min: number; max: number } {
  const fixed = 1 + 3 + 3 * 7 + 5 + 3 + 6 + 6 + 2;
  return { min: fixed + 3 * chunkActivities + 3 * Math.min(1, chunkActivities), max: fixed + 6 * chunkActivities };
}

/** What one review's history shows: its length and each activity's schedule-to-start time. */
export interface HistoryFigures {
  events: number;
  /** Activities scheduled, by type (retries not counted twice). */
  activities: Record<string, number>;
  /** Milliseconds from ActivityTaskScheduled to ActivityTaskStarted, by activity type. */
  scheduleToStartMs: Array<{ activityType: string; ms: number }>;
}

/** Reads a closed review's history. */
export async function historyFigures(handle: WorkflowHandle): Promise<HistoryFigures> {
  const history = await handle.fetchHistory();
  const events = history.events ?? [];
  const scheduled = new Map<string, { type: string; at: number }>();
  const scheduleToStartMs: HistoryFigures['scheduleToStartMs'] = [];
  const activities: Record<string, number> = {};
  const millis = (e: (typeof events)[number]): number =>
    Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;
  for (const e of events) {
    if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
      const type = e.activityTaskScheduledEventAttributes?.activityType?.name ?? '?';
      activities[type] = (activities[type] ?? 0) + 1;
      scheduled.set(String(e.eventId), { type, at: millis(e) });
    } else if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
      const s = scheduled.get(String(e.activityTaskStartedEventAttributes?.scheduledEventId));
      if (s) scheduleToStartMs.push({ activityType: s.type, ms: millis(e) - s.at });
    }
  }
  return { events: events.length, activities, scheduleToStartMs };
}
