/**
 * The billable actions the Temporal frontend has counted, by `action_type`, from its Prometheus
 * metric `action` (the server's own accounting of what Temporal Cloud bills: workflow starts,
 * commands such as ScheduleActivityTask and UpsertWorkflowSearchAttributes, activity retries,
 * heartbeats, signals, queries, update acceptances).
 */
export async function frontendActions(metricsUrl: string, namespace: string): Promise<Map<string, number>> {
  const text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(10_000) })).text();
  const actions = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('action{')) continue;
    const labels = line.slice(line.indexOf('{') + 1, line.lastIndexOf('}'));
    if (!labels.includes(`namespace="${namespace}"`)) continue;
    const type = /action_type="([^"]+)"/.exec(labels)?.[1] ?? 'unknown';
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    actions.set(type, (actions.get(type) ?? 0) + value);
  }
  return actions;
}

/** `after - before`, by type, dropping types that did not move. */
export function actionsBetween(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const delta = new Map<string, number>();
  for (const [type, value] of after) {
    const moved = value - (before.get(type) ?? 0);
    if (moved > 0) delta.set(type, moved);
  }
  return delta;
}
