import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import { dataConverterOf } from '@reviewflow/config';
import { bundleWorkflows } from '@reviewflow/worker-cpu';
import { Worker, type WorkflowBundle } from '@temporalio/worker';

// The committed histories of packages/workflows, replayed with the bundle worker-cpu really runs:
// it carries the failure converter that encodes failure messages, and the workers decode through
// the encryption codec. A failure converter changes payloads, never commands, so every history
// recorded without it must still replay (a non-determinism error fails the replay).
const dir = new URL('../../../../packages/workflows/test/histories/', import.meta.url);
const histories = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({
    file,
    ...(JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { workflowId: string; history: object }),
  }));

describe("committed histories replay with worker-cpu's bundle and encrypted failures", () => {
  let bundle: Promise<WorkflowBundle> | undefined;
  const dataConverter = dataConverterOf({ REVIEWFLOW_PAYLOAD_KEYS: `k:${randomBytes(32).toString('base64')}` });
  for (const { file, workflowId, history } of histories) {
    it(`replays ${file}`, async () => {
      bundle ??= bundleWorkflows();
      await Worker.runReplayHistory({ workflowBundle: await bundle, dataConverter }, history, workflowId);
    });
  }
});
