import type { ChaosFault } from './chaos-options.js';
import type { ChaosChecks } from './check-chaos-run.js';
import type { FaultRecord } from './inject-faults.js';

const faultNames: Record<ChaosFault, [string, string]> = {
  'worker-cpu': ['worker-cpu kill', 'worker-cpu kills'],
  'worker-gpu': ['worker-gpu kill', 'worker-gpu kills'],
  temporal: ['Temporal restart', 'Temporal restarts'],
  api: ['API restart', 'API restarts'],
  history: ['history kill and restart', 'history kills and restarts'],
  matching: ['matching kill', 'matching kills'],
  postgres: ['PostgreSQL restart', 'PostgreSQL restarts'],
  'worker-cpu-replica': ['worker-cpu replica kill', 'worker-cpu replica kills'],
  'api-replica': ['API replica kill', 'API replica kills'],
};
const temporalFaults: readonly ChaosFault[] = ['temporal', 'history', 'matching', 'postgres'];

/**
 * The one line `npm run chaos` prints, e.g. `chaos: 50 reviews, 50 completed, 0 lost, 0 duplicate
 * side effects, 0 5xx outside the API restart window (4 503 while Temporal restarted; 3 worker-cpu
 * kills, ...) in 312 s: PASS`.
 */
export function chaosSummaryLine(checks: ChaosChecks, faults: FaultRecord[], elapsedMs: number): string {
  const counts = new Map<ChaosFault, number>();
  for (const f of faults) counts.set(f.fault, (counts.get(f.fault) ?? 0) + 1);
  const injected = [...counts].map(([fault, n]) => `${n} ${faultNames[fault][n === 1 ? 0 : 1]}`).join(', ');
  const http = checks.http;
  const notes = [
    ...(counts.has('temporal') ? [`${http.unavailableInTemporalWindow} 503 while Temporal restarted`] : []),
    ...(temporalFaults.some((f) => f !== 'temporal' && counts.has(f))
      ? [`${http.unavailableInTemporalWindow} 503 while a Temporal process or PostgreSQL was down`]
      : []),
    ...(counts.has('api-replica')
      ? [`${http.connectionErrorsInApiWindow} unanswered calls to the killed API replica, the other answering`]
      : []),
    ...(counts.has('api')
      ? [
          `${http.serverErrorsInApiWindow} 5xx and ${http.connectionErrorsInApiWindow} unanswered (refused, reset or timed out) during the API restart`,
        ]
      : []),
    injected || 'no faults',
    ...(checks.longestWaitOnFault === undefined
      ? []
      : [
          `longest wait on a fault ${(checks.longestWaitOnFault.ms / 1000).toFixed(1)} s (${checks.longestWaitOnFault.fault})`,
        ]),
  ];
  return (
    `chaos: ${checks.reviews} reviews, ${checks.completed} completed, ${checks.lost} lost, ` +
    `${checks.duplicateSideEffects} duplicate side effects, ` +
    `${http.serverErrorsOutside.length} 5xx outside the API ${counts.has('api-replica') ? 'replica' : 'restart'} window ` +
    (http.connectionErrorsOutside.length > 0 ? `and ${http.connectionErrorsOutside.length} unanswered requests ` : '') +
    `(${notes.join('; ')}) in ${Math.round(elapsedMs / 1000)} s: ${checks.failures.length === 0 ? 'PASS' : `FAIL (${checks.failures.join('; ')})`}`
  );
}
