import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Client } from '@temporalio/client';
import { Type } from 'typebox';
import { requiresScope } from '../auth/requires-scope.js';
import type { ApiMetrics } from '../metrics/create-api-metrics.js';
import { decideApproval } from '../reviews/decide-approval.js';
import { ApprovalStateSchema } from '../schemas/approval-state-schema.js';
import { DecideApprovalBodySchema } from '../schemas/decide-approval-body-schema.js';
import { ProblemRef } from '../schemas/problem-schema.js';
import { ReviewIdParamsSchema } from '../schemas/review-schemas.js';

/** What `POST /reviews/{id}/approval` needs. */
export interface DecideApprovalRouteOptions {
  temporal: Client;
  metrics: ApiMetrics;
}

/**
 * `POST /reviews/{id}/approval`: approves or rejects a review with an approval gate, in the name
 * of the calling key.
 */
export const decideApprovalRoute: FastifyPluginAsyncTypebox<DecideApprovalRouteOptions> = async (app, options) => {
  const { temporal } = options;

  app.post(
    '/reviews/:id/approval',
    {
      // A decision and a reason of 2000 characters, each \u-escaped (12 KB), fit.
      bodyLimit: 16 * 1024,
      schema: {
        operationId: 'decideApproval',
        tags: ['reviews'],
        summary: 'Approve or reject a review that has an approval gate',
        description:
          'A decision sent before the review reaches its gate is kept and applied there. Reject ends the review as `rejected`.',
        security: requiresScope('approvals:write'),
        params: ReviewIdParamsSchema,
        body: DecideApprovalBodySchema,
        response: {
          200: Type.Object({ id: Type.String(), approval: ApprovalStateSchema }),
          400: ProblemRef,
          401: ProblemRef,
          403: ProblemRef,
          404: ProblemRef,
          409: ProblemRef,
        },
      },
    },
    async (request) => {
      const { decision, reason } = request.body;
      const approval = await decideApproval(temporal, request.params.id, {
        decision,
        ...(reason !== undefined ? { reason } : {}),
        // The audit trail names the key that decided (its name, never the key).
        ...(request.caller ? { approver: `api-key:${request.caller.name}` } : {}),
      });
      options.metrics.approvals.inc({ decision });
      // The review and workflow ids are on the request's logger (plugins/review-log-context.ts).
      request.log.info({ decision }, 'approval recorded');
      return { id: request.params.id, approval };
    },
  );
};
