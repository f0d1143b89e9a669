import { findTemporalCli, findTestServer, reviewSearchAttributes } from '@reviewflow/devkit';
import { TestWorkflowEnvironment } from '@temporalio/testing';

/**
 * The Java time-skipping test server (timers such as a 24-hour approval wait pass at once while the
 * client waits for a result), with reviewflow's search attributes registered.
 */
export async function startTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const server = await findTestServer();
  const env = await TestWorkflowEnvironment.createTimeSkipping(
    server.kind === 'existing-path' ? { server: { executable: { type: 'existing-path', path: server.path } } } : {},
  );
  await registerSearchAttributes(env);
  return env;
}

/** A real `temporal server start-dev` on a free port, with reviewflow's search attributes. */
export async function startDevServerEnv(): Promise<TestWorkflowEnvironment> {
  const cli = await findTemporalCli();
  const env = await TestWorkflowEnvironment.createLocal(
    cli.kind === 'existing-path' ? { server: { executable: { type: 'existing-path', path: cli.path } } } : {},
  );
  await registerSearchAttributes(env);
  return env;
}

async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    // 2 = KEYWORD
    searchAttributes: Object.fromEntries(Object.keys(reviewSearchAttributes).map((name) => [name, 2])),
  });
}
