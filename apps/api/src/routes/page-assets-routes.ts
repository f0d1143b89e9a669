import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { pageStylesheet, pageStylesheetPath } from '../pages/page-stylesheet.js';
import { reviewPageScript, reviewPageScriptPath } from '../pages/review-page-script.js';

// Static, with nothing of any review in them: public, so the approval page (whose link is its
// only credential) can load the stylesheet, and cacheable for a while, not for ever (no build
// step fingerprints them, so a deploy must show within the hour).
const cacheControl = 'public, max-age=3600';

/**
 * The pages' one stylesheet and the review page's one script, served by the API itself: same
 * origin, so the pages' content security policies allow `style-src 'self'` / `script-src 'self'`
 * and no inline code. Assets, not API operations: kept out of the OpenAPI document.
 */
export const pageAssetsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    pageStylesheetPath,
    { schema: { hide: true, response: { 200: Type.String({ description: 'text/css' }) } } },
    async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', cacheControl).send(pageStylesheet),
  );
  app.get(
    reviewPageScriptPath,
    { schema: { hide: true, response: { 200: Type.String({ description: 'text/javascript' }) } } },
    async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', cacheControl).send(reviewPageScript),
  );
};
