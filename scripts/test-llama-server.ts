/**
 * `npm run test:llama-server`: the OpenAI-compatible path against a real llama-cpp-python server
 * (packages/activities/test/llm/llama-cpp-server.llama-test.ts). Outside `npm test` because its first
 * run on a machine builds llama-cpp-python from source (about 20 minutes on 2 cores; the wheel and
 * venv are cached in ~/.cache/reviewflow). The GGUF model is SmolLM2-135M, fetched and verified
 * like `npm run models` does, unless REVIEWFLOW_TEST_GGUF names another.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { catalogModel, fetchModel } from '@reviewflow/worker-gpu';

const modelsDir = mkdtempSync(path.join(tmpdir(), 'reviewflow-llama-server-'));
let model = process.env.REVIEWFLOW_TEST_GGUF;
if (!model) {
  const entry = catalogModel('smollm2-135m-instruct-q4_1');
  const fetched = await fetchModel(entry, { modelsDir, log: (line) => console.error(line) });
  model = path.join(fetched.dir, entry.files[0]!.path);
}
const run = spawnSync(
  process.execPath,
  [
    '--conditions=reviewflow-source',
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    // The first run builds the wheel; later runs take seconds.
    '--test-timeout=4200000',
    'packages/activities/test/llm/llama-cpp-server.llama-test.ts',
  ],
  { stdio: 'inherit', env: { ...process.env, REVIEWFLOW_TEST_GGUF: model } },
);
rmSync(modelsDir, { recursive: true, force: true });
process.exit(run.status ?? 1);
