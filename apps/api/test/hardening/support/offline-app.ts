import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppConfig, type AppDeps } from '../../../src/app.js';
import { startSilentTemporal, type SilentTemporal } from './silent-temporal.js';

export const offlineApiKey = 'hardening-test-key-0123456789';

/** The app on a Temporal that never answers, for tests whose requests must not need Temporal. */
export interface OfflineApp {
  app: FastifyInstance;
  temporal: SilentTemporal;
  /**
   * POST /reviews of a git source with the test key: the route resolves the source and then calls
   * Temporal, so a test that stubs `resolveGitSource` decides what happens before Temporal is needed.
   */
  postReview(): Promise<LightMyRequestResponse>;
  stop(): Promise<void>;
}

/** Builds the app with a test key, the webhook and approval links on, and `config` on top. */
export async function startOfflineApp(
  config: Partial<AppConfig> = {},
  deps: Partial<AppDeps> = {},
): Promise<OfflineApp> {
  const temporal = await startSilentTemporal();
  const app = await buildApp(
    {
      namespace: 'default',
      apiKeys: [offlineApiKey],
      queryTimeoutMs: 1000,
      readinessTimeoutMs: 300,
      githubWebhook: { secret: 'webhook-secret', reviewDrafts: false },
      approvalLinks: { secret: 'approval-link-secret-0123456789abcdef' },
      ...config,
    },
    { temporal: temporal.client, ...deps },
  );
  return {
    app,
    temporal,
    postReview: () =>
      app.inject({
        method: 'POST',
        url: '/reviews',
        headers: { authorization: `Bearer ${offlineApiKey}`, 'content-type': 'application/json' },
        payload: { source: { kind: 'git', path: '/srv/repo', base: 'HEAD~1', head: 'HEAD' } },
      }),
    async stop() {
      await app.close();
      await temporal.stop();
    },
  };
}
