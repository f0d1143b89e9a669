import { writeFileSync } from 'node:fs';
import { Type } from 'typebox';

/**
 * How often {@link startLivenessFile} rewrites its file. A probe should accept a file several beats
 * old (the helm chart allows 60 s), so a busy moment is not mistaken for a hung process.
 */
export const livenessIntervalMs = 10_000;

/**
 * The liveness setting of a worker; each worker spreads it into its own config schema. Workers serve
 * no HTTP, so Kubernetes checks them with an exec probe over this file's age instead.
 */
export const LivenessFileProperties = {
  LIVENESS_FILE: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'File rewritten every 10 s while the event loop turns, for an exec liveness probe; none when unset',
    }),
  ),
};

/**
 * Rewrites `file` every {@link livenessIntervalMs} from the event loop, the thread that runs
 * activities: a loop blocked by a runaway activity stops the beats, and the probe restarts the pod.
 * Nothing here depends on Temporal, so a Temporal outage never restarts a worker. Returns a stop
 * function. The first write happens at once and throws when the file cannot be written, so a wrong
 * path fails the boot instead of a probe much later.
 */
export function startLivenessFile(file: string, intervalMs: number = livenessIntervalMs): () => void {
  const beat = (): void => writeFileSync(file, `${new Date().toISOString()}\n`);
  beat();
  const timer = setInterval(() => {
    try {
      beat();
    } catch {
      // A full or vanished /tmp: the file goes stale and the probe reports it, which is the point.
    }
  }, intervalMs);
  // The beat alone must never keep a worker alive that has finished shutting down.
  timer.unref();
  return () => clearInterval(timer);
}
