/**
 * `node dist/scripts/build-workflow-bundle.js OUT_FILE` (or through tsx from source): bundles every
 * workflow worker-cpu hosts into one file, which worker-cpu loads when `WORKFLOW_BUNDLE_PATH` names
 * it. The Dockerfile runs this at image build time, so a starting worker skips webpack (seconds of
 * CPU and a few hundred MB of memory per pod) and every replica runs byte-identical workflow code.
 *
 * The bundle is made by worker-cpu's own `bundleWorkflows`, the function it runs when it bundles at
 * start, so both ways produce the same workflows.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflows } from '@reviewflow/worker-cpu';
import { DefaultLogger } from '@temporalio/worker';

const [out, ...extra] = process.argv.slice(2);
if (out === undefined || extra.length > 0) {
  console.error('usage: build-workflow-bundle OUT_FILE');
  process.exit(2);
}

const target = path.resolve(out);
// Webpack's per-module statistics at INFO drown a build log; problems still print as warnings or errors.
const { code } = await bundleWorkflows(new DefaultLogger('WARN'));
mkdirSync(path.dirname(target), { recursive: true });
// Written beside the target and renamed, so a worker never loads a half-written bundle.
const partial = `${target}.partial-${process.pid}`;
writeFileSync(partial, code);
renameSync(partial, target);
console.log(`workflow bundle: ${target} (${Math.round(code.length / 1024)} KiB)`);
