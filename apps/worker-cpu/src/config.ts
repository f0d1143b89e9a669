import {
  LivenessFileProperties,
  parseEnvConfig,
  TemporalConnectionProperties,
  workerTelemetryProperties,
} from '@reviewflow/config';
import { Type, type Static } from 'typebox';

/** Everything worker-cpu reads from its environment, validated at boot. */
export const CpuWorkerConfigSchema = Type.Object({
  ...TemporalConnectionProperties,
  ...LivenessFileProperties,
  ...workerTelemetryProperties({ metricsPort: 9464 }),
  REVIEWFLOW_DATA_DIR: Type.String({ default: '.data', description: 'Shared data folder; artifacts live under it' }),
  SERVED_TIERS: Type.String({
    default: 'starter,pro,enterprise',
    pattern: '^(starter|pro|enterprise)(,(starter|pro|enterprise))*$',
    description: 'Comma-separated tiers whose task queues this worker serves (starter = reviewflow-cpu)',
  }),
  MAX_CONCURRENT_ACTIVITIES: Type.Integer({ default: 8, minimum: 1, maximum: 1000, description: 'Per served tier' }),
  MAX_CONCURRENT_WORKFLOW_TASKS: Type.Integer({
    default: 10,
    minimum: 2,
    maximum: 1000,
    description: 'Workflow tasks this worker runs at once',
  }),
  SHUTDOWN_GRACE_SECONDS: Type.Integer({
    default: 10,
    minimum: 0,
    maximum: 3600,
    description: 'On SIGTERM: time to finish what is in flight before exiting',
  }),
  GITHUB_API_URL: Type.String({
    default: 'https://api.github.com',
    pattern: '^https?://',
    description: 'GitHub REST API base URL; GitHub Enterprise Server: https://HOST/api/v3',
  }),
  GITHUB_TOKEN: Type.Optional(
    Type.String({ minLength: 1, description: 'A token with pull request and status access' }),
  ),
  GITHUB_TOKEN_FILE: Type.Optional(Type.String({ minLength: 1, description: 'File holding the token (read per use)' })),
  GITHUB_APP_ID: Type.Optional(Type.String({ pattern: '^[0-9]+$', description: 'GitHub App id; wins over a token' })),
  GITHUB_APP_PRIVATE_KEY_FILE: Type.Optional(
    Type.String({ minLength: 1, description: "The GitHub App's private key (PEM)" }),
  ),
  REVIEWFLOW_PUBLIC_API_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'Public API URL; commit statuses and reviews link to /reviews/:id',
    }),
  ),
  REVIEWFLOW_APPROVAL_WEBHOOK_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'Where approval links of waiting reviews are sent; none: not sent',
    }),
  ),
  REVIEWFLOW_APPROVAL_WEBHOOK_FORMAT: Type.Enum(['json', 'slack'], {
    default: 'json',
    description:
      '`slack`: incoming-webhook JSON; `json`: a generic event signed with REVIEWFLOW_APPROVAL_WEBHOOK_SECRET',
  }),
  REVIEWFLOW_APPROVAL_WEBHOOK_SECRET: Type.Optional(
    Type.String({ minLength: 16, description: 'HMAC key of the json format (x-reviewflow-signature)' }),
  ),
  REVIEWFLOW_APPROVAL_LINK_SECRET: Type.Optional(
    Type.String({ minLength: 32, description: "The API's approval-link secret: the worker signs the links it sends" }),
  ),
  LLM_BASE_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'OpenAI-compatible API base URL incl. /v1 (OpenAI, vLLM, Ollama); none: offline rule reviewer',
    }),
  ),
  LLM_MODEL: Type.Optional(Type.String({ minLength: 1, description: 'Chat model name; required with LLM_BASE_URL' })),
  LLM_API_KEY: Type.Optional(Type.String({ minLength: 1, description: 'API key (e.g. from a Secret env ref)' })),
  LLM_API_KEY_FILE: Type.Optional(
    Type.String({ minLength: 1, description: 'File holding the API key (read per call)' }),
  ),
  LLM_TIMEOUT_MS: Type.Integer({ default: 60_000, minimum: 100, maximum: 600_000, description: 'Per HTTP request' }),
  LLM_SECOND_LOOK: Type.Boolean({
    default: false,
    description:
      'Ask the model a second time about each of its findings (real or not, how severe) before it ships: one short call per finding; off by default until its effect on quality is measured (docs/benchmarks.md)',
  }),
  LLM_MAX_OUTPUT_TOKENS: Type.Integer({ default: 1024, minimum: 64, maximum: 32_768, description: 'Per model answer' }),
  WORKFLOW_BUNDLE_PATH: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Prebuilt workflow bundle (see scripts/build-workflow-bundle.ts); none: bundled at start',
    }),
  ),
});
export type CpuWorkerConfig = Static<typeof CpuWorkerConfigSchema>;

/** Reads and validates the configuration; `process.env` is read nowhere else in worker-cpu. */
export function loadCpuWorkerConfig(env: Record<string, string | undefined> = process.env): CpuWorkerConfig {
  return parseEnvConfig(CpuWorkerConfigSchema, env);
}
