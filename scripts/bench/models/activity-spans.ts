// CommonJS whose exports Node cannot list statically: use its default export.
import proto from '@temporalio/proto';
import type { WorkflowHandle } from '@temporalio/client';

const EventType = proto.temporal.api.enums.v1.EventType;

/** One completed activity as its workflow history records it, in server time (milliseconds). */
export interface ActivitySpan {
  activityType: string;
  startedAt: number;
  completedAt: number;
}

/** Every completed activity of a closed workflow, from ActivityTaskStarted to ActivityTaskCompleted. */
export async function activitySpans(handle: WorkflowHandle): Promise<ActivitySpan[]> {
  const history = await handle.fetchHistory();
  const millis = (e: proto.temporal.api.history.v1.IHistoryEvent): number =>
    Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;
  const typeOf = new Map<string, string>();
  const startedAt = new Map<string, number>();
  const spans: ActivitySpan[] = [];
  for (const e of history.events ?? []) {
    if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
      typeOf.set(String(e.eventId), e.activityTaskScheduledEventAttributes?.activityType?.name ?? '?');
    } else if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
      startedAt.set(String(e.activityTaskStartedEventAttributes?.scheduledEventId), millis(e));
    } else if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
      const id = String(e.activityTaskCompletedEventAttributes?.scheduledEventId);
      const start = startedAt.get(id);
      if (start !== undefined)
        spans.push({ activityType: typeOf.get(id) ?? '?', startedAt: start, completedAt: millis(e) });
    }
  }
  return spans;
}

/** Milliseconds from the first start to the last completion of `activityType`; NaN when none ran. */
export function wallOf(spans: readonly ActivitySpan[], activityType: string): number {
  const of = spans.filter((s) => s.activityType === activityType);
  if (of.length === 0) return Number.NaN;
  return Math.max(...of.map((s) => s.completedAt)) - Math.min(...of.map((s) => s.startedAt));
}

/** Summed durations of `activityType`. */
export function busyOf(spans: readonly ActivitySpan[], activityType: string): number {
  return spans.filter((s) => s.activityType === activityType).reduce((sum, s) => sum + s.completedAt - s.startedAt, 0);
}
