import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

type Operation = { responses?: Record<string, { links?: unknown }> } & Record<string, unknown>;

/**
 * Moves each operation's `x-response-links` (a route schema's `{ status: links }`, which
 * @fastify/swagger copies as an extension because it knows no response links) into the OpenAPI
 * `links` of those responses, so a route declares its links beside its handler like the rest.
 */
function placeResponseLinks<T>(document: T): T {
  const paths = (document as { paths?: Record<string, Record<string, Operation>> }).paths ?? {};
  for (const operation of Object.values(paths).flatMap((path) => Object.values(path))) {
    const links = operation['x-response-links'] as Record<string, unknown> | undefined;
    if (!links) continue;
    delete operation['x-response-links'];
    for (const [status, statusLinks] of Object.entries(links)) {
      const response = operation.responses?.[status];
      if (!response) throw new Error(`x-response-links names status ${status}, which the route does not declare`);
      response.links = structuredClone(statusLinks);
    }
  }
  return document;
}

/**
 * Collects every route's schema into an OpenAPI 3.1 document (served at /openapi.json and written to
 * openapi.yaml by `npm run openapi`) and serves Swagger UI at /docs. Registered before any route,
 * so @fastify/swagger sees all of them.
 */
export const openApiDocs = fp(
  async (app) => {
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
      transformObject: (document) => placeResponseLinks('openapiObject' in document ? document.openapiObject : {}),
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'reviewflow-openapi-docs', fastify: '5.x' },
);
