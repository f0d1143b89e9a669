import { existsSync } from 'node:fs';
import { encryptedFailureConverterPath } from '@reviewflow/config';
import { workflowBundleSource } from '@reviewflow/workflows/bundle-source';
import { bundleWorkflowCode, type Logger, type WorkflowBundle, type WorkflowBundleOption } from '@temporalio/worker';
import type { CpuWorkerConfig } from './config.js';

/**
 * Bundles every workflow worker-cpu hosts with webpack, from the shared bundle source. The one way
 * a bundle is made, whether at worker start or ahead of time by scripts/build-workflow-bundle.ts
 * (at image build), so both run the same workflow code. The bundle always carries the failure
 * converter that moves failure messages into payloads: an image's bundle is built before anyone
 * knows whether payload keys will be configured, and with keys a plain message would leak what the
 * codec hides. Without keys those payloads are plain JSON, which every SDK client and the API decode.
 */
export function bundleWorkflows(logger?: Logger): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath: workflowBundleSource.workflowsPath,
    webpackConfigHook: workflowBundleSource.webpackConfigHook,
    failureConverterPath: encryptedFailureConverterPath,
    ...(logger === undefined ? {} : { logger }),
  });
}

/**
 * The workflow bundle a worker-cpu process runs: the prebuilt file named by WORKFLOW_BUNDLE_PATH
 * (what the container image ships, so a pod starts without webpack's seconds of CPU and hundreds of
 * MB), else a fresh bundle from source (development). A configured bundle that is missing fails the
 * boot: silently bundling instead would hide a broken image.
 */
export async function loadWorkflowBundle(config: CpuWorkerConfig): Promise<WorkflowBundleOption> {
  const codePath = config.WORKFLOW_BUNDLE_PATH;
  if (codePath !== undefined) {
    if (!existsSync(codePath)) {
      throw new Error(
        `WORKFLOW_BUNDLE_PATH is ${codePath}, which does not exist: build it with scripts/build-workflow-bundle.ts or unset it`,
      );
    }
    return { codePath };
  }
  return bundleWorkflows();
}
