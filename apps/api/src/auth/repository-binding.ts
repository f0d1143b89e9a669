import { ReviewSearchAttribute } from '@reviewflow/contract';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { FastifyRequest } from 'fastify';
import './caller.js';
import { HttpProblem, ProblemType } from '../http-problem.js';

function refuse(detail: string): never {
  throw new HttpProblem(403, ProblemType.forbidden, 'Repository not allowed', detail);
}

/**
 * A `preHandler` hook for callers bound to one repository (OIDC tokens from CI): they may start
 * reviews of GitHub pull requests of that repository, list that repository's reviews, and use
 * `/reviews/:id` routes of its reviews; anything else is a 403. It runs after validation, so bodies
 * and queries are well-formed, and costs API-key callers nothing.
 */
export function repositoryBinding(temporal: Client): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    const bound = request.caller?.repository;
    if (bound === undefined) return;
    const route = request.routeOptions.url ?? '';
    if (route === '/reviews' && request.method === 'POST') {
      const source = (request.body as { source?: { kind?: string; owner?: string; repo?: string } }).source;
      // A local path proves nothing about which repository it holds.
      if (source?.kind !== 'github') refuse(`A token of ${bound} may only review that GitHub repository`);
      if (`${source.owner}/${source.repo}`.toLowerCase() !== bound) {
        refuse(`The token is for ${bound}, not ${source.owner}/${source.repo}`);
      }
      return;
    }
    if (route === '/reviews' && request.method === 'GET') {
      const query = request.query as { repository?: string };
      if (query.repository === undefined) query.repository = bound;
      else if (query.repository.toLowerCase() !== bound) refuse(`The token is for ${bound}`);
      return;
    }
    if (route.startsWith('/reviews/:id')) {
      const id = (request.params as { id: string }).id;
      let repository: string | undefined;
      try {
        const description = await temporal.workflow.getHandle(id).describe();
        repository = description.typedSearchAttributes.get(ReviewSearchAttribute.repository);
      } catch (err) {
        // The route itself answers 404 for a review that does not exist.
        if (err instanceof WorkflowNotFoundError) return;
        throw err;
      }
      if (repository?.toLowerCase() !== bound) refuse(`The token is for ${bound}; this review is not`);
      return;
    }
    refuse(`A token of ${bound} may only use the reviews of that repository`);
  };
}
