import { existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogModel, type CatalogModel } from './model-catalog.js';
import { ModelFilesError } from './model-files-error.js';
import { sha256OfFile } from './sha256-of-file.js';

/** What `npm run models` chose, in `<models dir>/selected.json`. */
export interface SelectedModels {
  llm?: string;
  embeddings?: string;
}

/** A fetched model, verified against its pinned hashes. */
export interface InstalledModel {
  model: CatalogModel;
  /** The model's folder. */
  dir: string;
}

/** The file `npm run models` writes to say which models a worker should load from this folder. */
export const selectedModelsFile = (modelsDir: string) => join(modelsDir, 'selected.json');

/** The models `npm run models` selected in `modelsDir`; none when it never ran there. */
export function readSelectedModels(modelsDir: string): SelectedModels {
  const file = selectedModelsFile(modelsDir);
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as SelectedModels;
    return {
      ...(typeof parsed.llm === 'string' ? { llm: parsed.llm } : {}),
      ...(typeof parsed.embeddings === 'string' ? { embeddings: parsed.embeddings } : {}),
    };
  } catch (err) {
    throw new ModelFilesError(`${file} is not valid JSON (${(err as Error).message}); run npm run models again`);
  }
}

/**
 * Checks every file of `model` in `dir` against its pinned size and sha256 and returns it ready to
 * load. A missing, short or altered file is refused with its name, the hash it should have and what
 * to run, because a worker that loads a wrong model gives reviews that look real and are not.
 */
export async function verifyInstalledModel(dir: string, id: string): Promise<InstalledModel> {
  const model = catalogModel(id);
  for (const file of model.files) {
    const path = join(dir, file.path);
    const size = await stat(path).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) throw new ModelFilesError(`model ${model.id}: ${path} is missing; run npm run models`);
    if (size !== file.bytes) {
      throw new ModelFilesError(
        `model ${model.id}: ${path} has ${size} bytes, the pinned file has ${file.bytes}; run npm run models again`,
      );
    }
    const sha256 = await sha256OfFile(path);
    if (sha256 !== file.sha256) {
      throw new ModelFilesError(
        `model ${model.id}: ${path} has sha256 ${sha256}, the pinned file has ${file.sha256}; refusing to load it (run npm run models again)`,
      );
    }
  }
  return { model, dir };
}
