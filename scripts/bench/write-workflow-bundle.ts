import { writeFileSync } from 'node:fs';
import { bundleWorkflows } from '@reviewflow/worker-cpu';
import { DefaultLogger } from '@temporalio/worker';

/**
 * Bundles the workflows once into `file` (as the container image does), so every worker-cpu the
 * benchmark starts or restarts loads it in a moment instead of running webpack again.
 */
export async function writeWorkflowBundle(file: string): Promise<void> {
  const { code } = await bundleWorkflows(new DefaultLogger('WARN'));
  writeFileSync(file, code);
}
