import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  approvalLinkTokenPattern,
  maxApprovalLinkTokenLength,
  verifyApprovalLink,
  type ApprovalLinkClaims,
} from '@reviewflow/contract/approval-link-token';
import type { Client } from '@temporalio/client';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { ApprovalLinkSettings } from '../approval-links/approval-link-settings.js';
import { renderApprovalPage } from '../approval-links/render-approval-page.js';
import { readCodeContext } from '../pages/read-code-context.js';
import { HttpProblem, ProblemType } from '../http-problem.js';
import type { ApiMetrics } from '../metrics/create-api-metrics.js';
import { decideApproval } from '../reviews/decide-approval.js';
import { loadReview } from '../reviews/load-review.js';
import { ProblemRef } from '../schemas/problem-schema.js';

/** What the approval-link routes need. */
export interface ApprovalLinksRoutesOptions {
  temporal: Client;
  queryTimeoutMs: number;
  /** Absent: links are off and every link is refused. */
  settings?: ApprovalLinkSettings;
  metrics: ApiMetrics;
}

// The shape the signer makes (a token of another shape is a 400, one of this shape with a bad MAC a
// 403), up to the length the router takes (app.ts), so the document and the validation agree.
const TokenParamsSchema = Type.Object({
  token: Type.String({
    minLength: 1,
    maxLength: maxApprovalLinkTokenLength,
    pattern: approvalLinkTokenPattern,
    description: 'The signed link token',
  }),
});

const DecisionBodySchema = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    approver: Type.String({
      minLength: 1,
      maxLength: 100,
      pattern: '\\S',
      description: 'Who decides; recorded in the review result',
    }),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

// The token in the URL is the credential: no referrer may carry it away, no cache may keep the
// page, nothing may frame it (clickjacking the buttons), and the page loads nothing but the one
// same-origin stylesheet: no script at all, no inline style, nothing from anywhere else.
function secureHtml(reply: FastifyReply): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store');
}

/**
 * Signed, expiring, single-use approval links (see @reviewflow/contract/approval-link-token). GET
 * shows the review and its buttons and never decides, because mail and chat link scanners fetch
 * links; POST decides through the approval update with an update id derived from the link id, so a
 * second use returns the first outcome (same decision) or 409 (another decision), never a second
 * decision. The link itself is the credential, so these routes take no API key.
 */
export const approvalLinksRoutes: FastifyPluginAsyncTypebox<ApprovalLinksRoutesOptions> = async (app, options) => {
  const { temporal, queryTimeoutMs, settings } = options;

  // HTML forms post urlencoded; parsed only in this plugin and only this small.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  const verify = (token: string): ApprovalLinkClaims => {
    if (!settings) {
      throw new HttpProblem(404, ProblemType.notFound, 'Approval links are off', 'This API signs no approval links');
    }
    const claims = verifyApprovalLink(settings.secret, token);
    if (claims === 'expired') {
      throw new HttpProblem(410, ProblemType.approvalLinkExpired, 'Approval link expired', 'Ask for a new link');
    }
    if (typeof claims === 'string') {
      throw new HttpProblem(403, ProblemType.approvalLinkInvalid, 'Invalid approval link', 'This link is not valid');
    }
    return claims;
  };
  // The page of a link, read afresh: shown on GET, and again after a form post with its outcome.
  const sendPage = async (
    reply: FastifyReply,
    token: string,
    claims: ApprovalLinkClaims,
    notice?: string,
  ): Promise<FastifyReply> => {
    const review = await loadReview(temporal, claims.reviewId, { queryTimeoutMs });
    return secureHtml(reply).send(
      renderApprovalPage(review, {
        action: `/approval-links/${token}`,
        rights: claims.rights,
        expiresAt: new Date(claims.expiresAt * 1000).toISOString(),
        notice,
        code: await readCodeContext(review),
      }),
    );
  };
  const linkProblems = { 400: ProblemRef, 403: ProblemRef, 404: ProblemRef, 410: ProblemRef };

  app.get(
    '/approval-links/:token',
    {
      schema: {
        operationId: 'showApprovalLink',
        tags: ['approvals'],
        summary: 'The page of an approval link: review summary with Approve / Reject buttons (never decides)',
        params: TokenParamsSchema,
        produces: ['text/html'],
        response: { 200: Type.String({ description: 'HTML page' }), ...linkProblems },
      },
    },
    async (request, reply) => sendPage(reply, request.params.token, verify(request.params.token)),
  );

  app.post(
    '/approval-links/:token',
    {
      bodyLimit: 16 * 1024,
      schema: {
        operationId: 'decideByApprovalLink',
        tags: ['approvals'],
        summary: 'Approve or reject through an approval link (form or JSON); a link decides once',
        params: TokenParamsSchema,
        // The page's form posts urlencoded, API callers JSON: both documented. One schema for any
        // media type, so a body Fastify parses some other way (text/plain) is validated too.
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        body: DecisionBodySchema,
        response: {
          200: {
            description: 'Recorded: JSON callers get the decision, form posts the page back',
            content: {
              'application/json': {
                schema: Type.Object({
                  id: Type.String(),
                  decision: Type.String(),
                  approver: Type.String(),
                  decidedAt: Type.String(),
                }),
              },
              'text/html': { schema: Type.String({ description: 'HTML page' }) },
            },
          },
          409: ProblemRef,
          ...linkProblems,
        },
      },
    },
    async (request, reply) => {
      const claims = verify(request.params.token);
      const { body } = request;
      const { decision, reason } = body;
      if (!claims.rights.includes(decision)) {
        throw new HttpProblem(
          403,
          ProblemType.approvalLinkInvalid,
          'Not allowed by this link',
          `It cannot ${decision}`,
        );
      }
      // Empty form fields arrive as "": an empty reason is no reason.
      const approver = `${body.approver.trim()} (approval link ${claims.linkId.slice(0, 8)})`;
      const state = await decideApproval(
        temporal,
        claims.reviewId,
        { decision, approver, ...(reason ? { reason } : {}) },
        { updateId: `approval-link:${claims.linkId}` },
      );
      const recorded = state.decision;
      // The same update id returned the first use's outcome: a repeat of it is a no-op, anything else a conflict.
      if (!recorded || recorded.decision !== decision || recorded.approver !== approver) {
        throw new HttpProblem(
          409,
          ProblemType.approvalNotAccepted,
          'Approval link already used',
          `This link already recorded ${recorded?.decision ?? 'a decision'}`,
        );
      }
      options.metrics.approvals.inc({ decision });
      request.log.info({ reviewId: claims.reviewId, workflowId: claims.reviewId, decision }, 'approval link used');
      if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
        return { id: claims.reviewId, decision, approver, decidedAt: recorded.decidedAt };
      }
      const notice = `Recorded: ${decision === 'approve' ? 'approved' : 'rejected'} by ${approver}`;
      return sendPage(reply, request.params.token, claims, notice);
    },
  );
};
