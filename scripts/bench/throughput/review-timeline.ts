import proto from '@temporalio/proto';

const EventType = proto.temporal.api.enums.v1.EventType;
type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;

/** Where one review's time went, in milliseconds, from its history. */
export interface ReviewTimeline {
  /** Workflow start to close, as Temporal recorded them. */
  totalMs: number;
  /** Workflow tasks waiting in the queue for worker-cpu (scheduled → started), summed. */
  workflowTaskQueueMs: number;
  /** Workflow tasks running on worker-cpu (started → completed), summed. */
  workflowTaskMs: number;
  /** Activities waiting in their queue (scheduled → started), summed. */
  activityQueueMs: number;
  /** Activities running (started → completed), summed; parallel chunk reviews add up. */
  activityMs: number;
  workflowTasks: number;
  activities: number;
}

const millis = (e: HistoryEvent): number => Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;

/** Splits a closed review's history into queue waits and run times of its tasks. */
export function reviewTimeline(events: readonly HistoryEvent[]): ReviewTimeline {
  const at = new Map<number, number>();
  const timeline: ReviewTimeline = {
    totalMs: events.length > 0 ? millis(events.at(-1)!) - millis(events[0]!) : 0,
    workflowTaskQueueMs: 0,
    workflowTaskMs: 0,
    activityQueueMs: 0,
    activityMs: 0,
    workflowTasks: 0,
    activities: 0,
  };
  for (const e of events) {
    const id = Number(e.eventId);
    at.set(id, millis(e));
    switch (e.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED:
        timeline.workflowTaskQueueMs +=
          millis(e) - (at.get(Number(e.workflowTaskStartedEventAttributes?.scheduledEventId)) ?? millis(e));
        break;
      case EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
        timeline.workflowTaskMs +=
          millis(e) - (at.get(Number(e.workflowTaskCompletedEventAttributes?.startedEventId)) ?? millis(e));
        timeline.workflowTasks++;
        break;
      case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
        timeline.activityQueueMs +=
          millis(e) - (at.get(Number(e.activityTaskStartedEventAttributes?.scheduledEventId)) ?? millis(e));
        break;
      case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
        timeline.activityMs +=
          millis(e) - (at.get(Number(e.activityTaskCompletedEventAttributes?.startedEventId)) ?? millis(e));
        timeline.activities++;
        break;
      default:
        break;
    }
  }
  return timeline;
}
