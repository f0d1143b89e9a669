/**
 * Activity factories of reviewflow and what workers build them from. Workers call the factories with
 * real clients; workflows import only the types. The data model they share with workflows and the
 * API is @reviewflow/contract.
 */
export { createCpuActivities } from './create-cpu-activities.js';
export type {
  CpuActivities,
  CpuActivityDeps,
  FetchChangesResult,
  PlanChunksResult,
  PlanChunksInput,
  PublishReviewResult,
  ReviewChunkInput,
  ReviewChunkResult,
  ReviewChunksInput,
  ReviewChunksResult,
} from './create-cpu-activities.js';
export { createGpuActivities } from './create-gpu-activities.js';
export type { EmbedChunksResult, GpuActivities, GpuActivityDeps } from './create-gpu-activities.js';
export {
  createGitHubClients,
  type GitHubAuth,
  type GitHubClientOptions,
  type GitHubClients,
} from './github/github-clients.js';
export { FeatureHashingEmbedder } from './embed/feature-hashing-embedder.js';
export type { Embedder } from './embed/embedder.js';
export { OfflineReviewer } from './review/offline-reviewer.js';
export type { Reviewer, ReviewContext } from './review/reviewer.js';
export { LlmReviewer, type LlmReviewerOptions } from './review/llm-reviewer.js';
export { HybridReviewer, mergeFindings, modelAttemptsBeforeRulesOnly } from './review/hybrid-reviewer.js';
export type { EmbeddingBatch, EmbeddingModelStamp } from './retrieve/load-embeddings.js';
export { OpenAiChatModel } from './llm/openai-chat-model.js';
export type { ChatCompletion, ChatMessage, ChatModel, ChatRequest } from './llm/chat-model.js';
export { OpenAiEmbedder } from './embed/openai-embedder.js';
export type { OpenAiCompatibleOptions } from './llm/openai-compatible-client.js';
export { apiKeyFromFile, apiKeyFromValue, type ApiKeySource } from './llm/api-key-source.js';
export { ModelHttpError } from './llm/model-http-error.js';
export { redactSecrets, redactedValue } from './redact/redact-secrets.js';
export type { PathFilters } from './chunk/path-filters.js';
export { reviewerOutputOf, type ReviewerOutput } from './review/reviewer-output.js';
export { FileArtifactStore } from './store/file-artifact-store.js';
export type { ApprovalNotification, ApprovalWebhook } from './notify/approval-webhook.js';
export { signWebhookBody } from './notify/sign-webhook-body.js';
export { ArtifactNotFoundError, type ArtifactStore } from './store/artifact-store.js';
export type { OrgAlert } from './org/raise-org-alert.js';
