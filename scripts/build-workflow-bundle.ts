/**
 * `node dist/scripts/build-workflow-bundle.js OUT_FILE` (or through tsx from source): bundles every
 * workflow worker-cpu hosts into one file, which worker-cpu loads when `WORKFLOW_BUNDLE_PATH` names
 * it. The Dockerfile runs this at image build time, so a starting worker skips webpack (seconds of
 * CPU and a few hundred MB of memory per pod) and every replica runs byte-identical workflow code.
 *
 * The entry and the webpack hook are the ones worker-cpu uses when it bundles at start
 * (`@reviewflow/workflows/bundle-source`), so both ways produce the same workflows.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { workflowBundleSource } from '@reviewflow/workflows/bundle-source';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

const [out, ...extra] = process.argv.slice(2);
if (out === undefined || extra.length > 0) {
  console.error('usage: build-workflow-bundle OUT_FILE');
  process.exit(2);
}

const target = path.resolve(out);
const { code } = await bundleWorkflowCode({
  workflowsPath: workflowBundleSource.workflowsPath,
  webpackConfigHook: workflowBundleSource.bundlerOptions.webpackConfigHook,
  // Webpack's per-module statistics at INFO drown a build log; problems still print as warnings or errors.
  logger: new DefaultLogger('WARN'),
});
mkdirSync(path.dirname(target), { recursive: true });
// Written beside the target and renamed, so a worker never loads a half-written bundle.
const partial = `${target}.partial-${process.pid}`;
writeFileSync(partial, code);
renameSync(partial, target);
console.log(`workflow bundle: ${target} (${Math.round(code.length / 1024)} KiB)`);
