/** worker-gpu as a library: its config schema, worker factory and local models, for tests and tools. */
export { loadGpuWorkerConfig, GpuWorkerConfigSchema, type GpuWorkerConfig } from './config.js';
export { createGpuWorker, type GpuWorkerOverrides } from './create-gpu-worker.js';
export { createEmbedder } from './create-embedder.js';
export { createLocalReviewer } from './create-local-reviewer.js';
export {
  catalogModel,
  defaultEmbeddingsId,
  defaultLlmId,
  modelCatalog,
  type CatalogModel,
  type ModelFile,
} from './models/model-catalog.js';
export { fetchModel, type FetchedModel, type FetchModelOptions } from './models/fetch-model.js';
export {
  readSelectedModels,
  selectedModelsFile,
  verifyInstalledModel,
  type InstalledModel,
  type SelectedModels,
} from './models/installed-models.js';
export { localModelPaths, modelsDirOf, type LocalModelPath } from './models/local-model-paths.js';
export { ModelFilesError } from './models/model-files-error.js';
export { closeCutJson, LlamaChatModel, type LlamaChatModelOptions } from './models/llama-chat-model.js';
export { OnnxEmbedder, type OnnxEmbedderOptions } from './models/onnx-embedder.js';
export { resolveModelDevice, type ModelDevice } from './models/detect-gpu.js';
