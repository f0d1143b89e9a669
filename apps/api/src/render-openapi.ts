import { Client, Connection } from '@temporalio/client';
import { buildApp } from './app.js';

/**
 * The OpenAPI document generated from the route schemas, as YAML. The app is built with a lazy
 * Temporal connection that is never used, so rendering needs no server.
 */
export async function renderOpenApiYaml(): Promise<string> {
  const connection = Connection.lazy({ address: '127.0.0.1:7233' });
  const app = await buildApp(
    {
      namespace: 'default',
      apiKeys: ['unused'],
      queryTimeoutMs: 1000,
      readinessTimeoutMs: 1000,
      // Optional routes are documented too: the webhook route exists once a secret is configured.
      githubWebhook: { secret: 'unused', reviewDrafts: false },
      // ...and the codec endpoint once payload keys are.
      codecEndpoint: { codecs: [], corsOrigins: [], auth: 'api-key' },
    },
    { temporal: new Client({ connection }) },
  );
  try {
    await app.ready();
    return app.swagger({ yaml: true });
  } finally {
    await app.close();
    await connection.close();
  }
}
