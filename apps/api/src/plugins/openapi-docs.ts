import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/**
 * Collects every route's schema into an OpenAPI 3.1 document (served at /openapi.json and written to
 * openapi.yaml by `npm run openapi`) and serves Swagger UI at /docs.
 */
export async function registerOpenApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'reviewflow API',
        version: '0.1.0',
        description:
          'Start durable AI code-review pipelines, follow their progress, approve or reject them. Errors are application/problem+json (RFC 9457).',
      },
      tags: [
        { name: 'reviews', description: 'Code reviews' },
        { name: 'organisations', description: 'Reviews of many repositories of one organisation' },
        { name: 'approvals', description: 'Signed approval links: the link is the credential' },
        { name: 'operations', description: 'Health and metrics' },
        { name: 'webhooks', description: 'Deliveries from GitHub, authenticated by their signature' },
      ],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key' } },
      },
    },
    // Name components after the schemas' $id (Problem, Review) instead of def-0, def-1.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
