/**
 * The reviewflow HTTP API's types, generated from openapi.yaml by `npm run cli-api-types`
 * (openapi-typescript, then prettier). Do not edit: regenerate after `npm run openapi`.
 * `npm run lint` fails while this file differs from what openapi.yaml generates.
 */

export interface paths {
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the process serves HTTP (never depends on Temporal) */
    get: operations['healthz'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: Temporal answers */
    get: operations['readyz'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics */
    get: operations['metrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/webhooks/github': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Receive a GitHub webhook delivery (pull_request events start reviews)
     * @description Authenticated by `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with the webhook secret), not by an API key. Content type `application/json` or `application/x-www-form-urlencoded` (`payload=`). `ping` answers 200; `pull_request` opened, reopened, synchronize and ready_for_review start a review of the head (drafts only when configured); closed cancels running reviews of the pull request; every other event is acknowledged and ignored.
     */
    post: operations['receiveGitHubWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/codec/decode': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Decrypt history payloads (Temporal remote codec protocol, for the Web UI and CLI)
     * @description Needs an API key with history:read or, with REVIEWFLOW_CODEC_OIDC_* configured, the OIDC access token the Temporal Web UI passes for its signed-in user (codec.passAccessToken): 401 when the token is not valid, 403 when the rule does not allow that user.
     */
    post: operations['codecDecode'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/codec/encode': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Encrypt payloads (Temporal remote codec protocol: inputs typed into the Web UI or CLI)
     * @description Needs an API key with admin: a Web UI access token may decode only (403 here).
     */
    post: operations['codecEncode'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/approval-links/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The page of an approval link: review summary with Approve / Reject buttons (never decides) */
    get: operations['showApprovalLink'];
    put?: never;
    /** Approve or reject through an approval link (form or JSON); a link decides once */
    post: operations['decideByApprovalLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/reviews': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List reviews, newest first */
    get: operations['listReviews'];
    put?: never;
    /** Start a review (idempotent: the same source and commits give the same review) */
    post: operations['startReview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/reviews/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Status, progress and findings of a review */
    get: operations['getReview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/reviews/{id}/approval': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve or reject a review that has an approval gate
     * @description A decision sent before the review reaches its gate is kept and applied there. Reject ends the review as `rejected`.
     */
    post: operations['decideApproval'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/reviews/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel a running review */
    post: operations['cancelReview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orgs/{org}/reviews': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Review many repositories of an organisation (idempotent for the same list) */
    post: operations['startOrgReview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orgs/{org}/reviews/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Aggregate progress of an organisation run: completed, failed, running, pending */
    get: operations['getOrgReview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/reviews/{id}/page': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A review as an HTML page: progress (live), findings by file with their lines, coverage, links */
    get: operations['showReviewPage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/reviews/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Follow the progress of a review as server-sent events, until it ends
     * @description A `text/event-stream`. Each `progress` event carries the whole review (as `GET /reviews/:id`) whenever its stage, counts, findings or approval state changed; the first one comes at once. A `problem` event (an RFC 9457 problem as JSON) says progress could not be loaded for a while; the stream goes on. When the review ends, its final state is sent as `progress`, then an `end` event ({id, status}), and the server closes the stream. Comment lines every 15 s keep idle connections open. Every event is a full snapshot, so a reconnecting client needs no Last-Event-ID.
     */
    get: operations['watchReview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Problem: {
      /** @description Stable URI naming the kind of failure */
      type: string;
      title: string;
      status: number;
      detail?: string;
      /** @description The request path */
      instance?: string;
      /** @description Quote it when reporting a problem */
      requestId?: string;
      /** @description Validation errors, one per invalid field */
      errors?: {
        path: string;
        message: string;
      }[];
    } & {
      [key: string]: unknown;
    };
    Review: {
      /** @description The review id, which is also its Temporal workflow id */
      id: string;
      /** @enum {unknown} */
      status: 'queued' | 'running' | 'awaiting_approval' | 'completed' | 'rejected' | 'failed' | 'cancelled';
      /** @description The step a running review is at */
      stage?: string;
      repository?: string;
      source?:
        | {
            /** @enum {string} */
            kind: 'git';
            path: string;
            base: string;
            head: string;
          }
        | {
            /** @enum {string} */
            kind: 'github';
            owner: string;
            repo: string;
            pullNumber: number;
            headSha: string;
          };
      createdAt: string;
      closedAt?: string;
      counts?: {
        files: number;
        additions: number;
        deletions: number;
        chunks: number;
        chunksEmbedded: number;
        chunksReviewed: number;
        findings: number;
      };
      findings: {
        file: string;
        /** @description 1-based line in the head revision */
        line: number;
        rule: string;
        /** @enum {unknown} */
        severity: 'info' | 'low' | 'medium' | 'high' | 'critical';
        message: string;
        /** @description A concrete fix proposed by a model reviewer */
        suggestion?: string;
        /** @description The reviewer that found it (rules or a model), when both reviewed the change */
        reviewer?: string;
      }[];
      findingsOmitted?: number;
      coverage?: {
        filesFull: number;
        filesPartial: number;
        filesSkipped: number;
        /** @description Reviewed share of the added lines of in-scope files (0..1) */
        ratio?: number;
        files: {
          file: string;
          status: 'full' | 'partial' | 'skipped';
          reason?: string;
          /** @description Only the rules reviewed (part of) this file: the model stayed unavailable */
          rulesOnly?: boolean;
          addedLines: number;
          reviewedLines: number;
        }[];
        /** @description Changed files the source did not list (GitHub lists at most 3000) */
        omittedFiles?: {
          count: number;
          reason: string;
        };
      };
      reviewer?: {
        name: string;
        /** @description True for the built-in offline default (no model) */
        offline: boolean;
        description: string;
      };
      /** @description Every reviewer of the change: the rules and, with a model, the model */
      reviewers?: {
        name: string;
        /** @description True for the built-in offline default (no model) */
        offline: boolean;
        description: string;
      }[];
      embedder?: {
        name: string;
        /** @description True for the built-in offline default (no model) */
        offline: boolean;
        description: string;
      };
      /** @description What the model side of the review cost */
      ai?: {
        tokens: {
          inputTokens: number;
          outputTokens: number;
        };
        tokenBudget?: number;
        budgetExhausted: boolean;
        chunksSkippedForBudget: number;
        modelCalls: number;
        /** @description Credential values replaced before text was sent to the reviewer model */
        redactions: number;
        /** @description Model findings on lines the change does not add, dropped */
        findingsOutsideDiff: number;
        /** @description Chunks only the rules reviewed because the model stayed unavailable */
        chunksRulesOnly?: number;
      };
      approval?: {
        required: boolean;
        /**
         * @description `pending`: the gate is not reached yet (a decision sent now is kept); `waiting`: waiting now
         * @enum {unknown}
         */
        state: 'not_required' | 'pending' | 'waiting' | 'approved' | 'rejected';
        timeoutSeconds?: number;
        deadline?: string;
        decision?: {
          decision: 'approve' | 'reject';
          reason?: string;
          approver?: string;
          decidedAt: string;
        };
      };
      /** @description Signed single-use links that decide a waiting review; listed for callers with approvals:write */
      approvalLinks?: {
        /** @description GET shows the review with Approve / Reject buttons; POST decides */
        url: string;
        rights: ('approve' | 'reject')[];
        expiresAt: string;
      }[];
      /** @description Why a failed review failed */
      failure?: {
        type: string;
        message: string;
      };
      /** @description False when a running review could not be asked for its progress (no worker answered in time) */
      progressAvailable: boolean;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  healthz: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'ok';
          };
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  readyz: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'ready';
            temporal: string;
          };
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      503: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  metrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text exposition format */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  receiveGitHubWebhook: {
    parameters: {
      query?: never;
      header?: {
        'x-github-event'?: string;
        'x-github-delivery'?: string;
        'x-hub-signature-256'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Acknowledged: ping, ignored event, or nothing new */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description X-GitHub-Delivery of the request */
            delivery: string;
            event: string;
            /**
             * @description `started`: a new review; `existing`: this head was already reviewed or is being reviewed (a redelivery); `cancelled`: a closed pull request
             * @enum {unknown}
             */
            result: 'pong' | 'ignored' | 'started' | 'existing' | 'cancelled';
            /** @description Why an event was ignored */
            reason?: string;
            reviewId?: string;
            /** @description Reviews of older heads that were cancelled */
            cancelled?: string[];
          };
        };
      };
      /** @description A review was started */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description X-GitHub-Delivery of the request */
            delivery: string;
            event: string;
            /**
             * @description `started`: a new review; `existing`: this head was already reviewed or is being reviewed (a redelivery); `cancelled`: a closed pull request
             * @enum {unknown}
             */
            result: 'pong' | 'ignored' | 'started' | 'existing' | 'cancelled';
            /** @description Why an event was ignored */
            reason?: string;
            reviewId?: string;
            /** @description Reviews of older heads that were cancelled */
            cancelled?: string[];
          };
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 5242880 bytes */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Overloaded, past the request deadline or shutting down; see Retry-After */
      503: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  codecDecode: {
    parameters: {
      query?: never;
      header?: {
        /** @description The namespace of the payloads */
        'x-namespace'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          payloads: {
            /** @description Metadata values, base64 (`encoding`: `binary/encrypted` when encrypted) */
            metadata?: {
              [key: string]: string;
            };
            /** @description The payload bytes, base64 */
            data?: string;
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            payloads: {
              /** @description Metadata values, base64 (`encoding`: `binary/encrypted` when encrypted) */
              metadata?: {
                [key: string]: string;
              };
              /** @description The payload bytes, base64 */
              data?: string;
            }[];
          };
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit of the caller reached; see Retry-After */
      429: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Overloaded, past the request deadline or shutting down; see Retry-After */
      503: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  codecEncode: {
    parameters: {
      query?: never;
      header?: {
        /** @description The namespace of the payloads */
        'x-namespace'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          payloads: {
            /** @description Metadata values, base64 (`encoding`: `binary/encrypted` when encrypted) */
            metadata?: {
              [key: string]: string;
            };
            /** @description The payload bytes, base64 */
            data?: string;
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            payloads: {
              /** @description Metadata values, base64 (`encoding`: `binary/encrypted` when encrypted) */
              metadata?: {
                [key: string]: string;
              };
              /** @description The payload bytes, base64 */
              data?: string;
            }[];
          };
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit of the caller reached; see Retry-After */
      429: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Overloaded, past the request deadline or shutting down; see Retry-After */
      503: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  showApprovalLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The signed link token */
        token: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description HTML page */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit of the caller reached; see Retry-After */
      429: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Overloaded, past the request deadline or shutting down; see Retry-After */
      503: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  decideByApprovalLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The signed link token */
        token: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          decision: 'approve' | 'reject';
          /** @description Who decides; recorded in the review result */
          approver: string;
          reason?: string;
        };
        'application/x-www-form-urlencoded': {
          decision: 'approve' | 'reject';
          /** @description Who decides; recorded in the review result */
          approver: string;
          reason?: string;
        };
      };
    };
    responses: {
      /** @description Recorded: JSON callers get the decision, form posts the page back */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            decision: string;
            approver: string;
            decidedAt: string;
          };
          'text/html': string;
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 16384 bytes */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit of the caller reached; see Retry-After */
      429: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Overloaded, past the request deadline or shutting down; see Retry-After */
      503: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listReviews: {
    parameters: {
      query?: {
        status?: 'queued' | 'running' | 'awaiting_approval' | 'completed' | 'rejected' | 'failed' | 'cancelled';
        /** @description Exact repository */
        repository?: string;
        pageSize?: number;
        /** @description nextPageToken of the previous page, with the same status and repository */
        pageToken?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            reviews: {
              id: string;
              /** @enum {unknown} */
              status: 'queued' | 'running' | 'awaiting_approval' | 'completed' | 'rejected' | 'failed' | 'cancelled';
              repository?: string;
              createdAt: string;
              closedAt?: string;
            }[];
            nextPageToken?: string;
          };
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit of the caller reached; see Retry-After */
      429: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Overloaded, past the request deadline or shutting down; see Retry-After */
      503: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  startReview: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes retries safe: the same key with the same body returns the first response; with a different body, 422 */
        'idempotency-key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          source:
            | {
                /** @enum {string} */
                kind: 'git';
                /** @description Absolute path of a git repository on the machine the workers run on */
                path: string;
                /** @description Base revision (any git revision) */
                base: string;
                /** @description Head revision; default HEAD */
                head?: string;
              }
            | {
                /** @enum {string} */
                kind: 'github';
                owner: string;
                repo: string;
                pullNumber: number;
                /** @description Full head commit SHA; default: the current head */
                headSha?: string;
              };
          approval?: {
            /** @description Wait for a human decision before publishing */
            required: boolean;
            /** @description A review with no decision by then is rejected with reason "timeout"; default 86400 */
            timeoutSeconds?: number;
          };
          /** @description Chunk reviews in flight at once; default 4 */
          maxParallelChunks?: number;
          /** @description Chunks one chunk-review activity reviews at most, one after another; default 4. Fewer: progress moves in smaller steps, at a hand-over of a few tens of ms per batch */
          chunksPerActivity?: number;
          /** @description Globs of files to review or leave out; replace those of the repository's .reviewflow.yml */
          paths?: {
            include?: string[];
            exclude?: string[];
          };
          /** @description Fail (CoverageBelowMinimum) when less of the in-scope added lines is reviewed (0..1) */
          minCoverage?: number;
          /** @description Model tokens the review may spend; then it stops calling models and reports reduced coverage */
          tokenBudget?: number;
          /** @description Related chunks (by embedding similarity) a model reviewer gets as context; default 3 */
          relatedChunks?: number;
          model?: {
            /** @description Fail the review when its model stays unavailable, instead of leaving those chunks to the rules (default false) */
            required: boolean;
          };
        };
      };
    };
    responses: {
      /** @description The review of this source already exists */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      /** @description A new review was started */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 262144 bytes */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit of the caller reached; see Retry-After */
      429: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description GitHub did not tell the head of the pull request (send headSha to need no answer), or the server is overloaded, past the request deadline or shutting down; see Retry-After */
      503: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Review id as returned by POST /reviews */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      /** @description The request does not match this document */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit of the caller reached; see Retry-After */
      429: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Overloaded, past the request deadline or shutting down; see Retry-After */
      503: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  decideApproval: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Review id as returned by POST /reviews */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          decision: 'approve' | 'reject';
          reason?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            approval: {
              required: boolean;
              /**
               * @description `pending`: the gate is not reached yet (a decision sent now is kept); `waiting`: waiting now
               * @enum {unknown}
               */
              state: 'not_required' | 'pending' | 'waiting' | 'approved' | 'rejected';
              timeoutSeconds?: number;
              deadline?: string;
              decision?: {
                decision: 'approve' | 'reject';
                reason?: string;
                approver?: string;
                decidedAt: string;
              };
            };
          };
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 16384 bytes */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit of the caller reached; see Retry-After */
      429: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Overloaded, past the request deadline or shutting down; see Retry-After */
      503: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  cancelReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Review id as returned by POST /reviews */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            cancelRequested: boolean;
          };
        };
      };
      /** @description The request does not match this document */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1024 bytes */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit of the caller reached; see Retry-After */
      429: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Overloaded, past the request deadline or shutting down; see Retry-After */
      503: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  startOrgReview: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes retries safe: the same key with the same body returns the first response; with a different body, 422 */
        'idempotency-key'?: string;
      };
      path: {
        /** @description Organisation name */
        org: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @description Selects the task queue the reviews run on
           * @enum {unknown}
           */
          tier: 'starter' | 'pro' | 'enterprise';
          repositories: {
            /** @enum {string} */
            kind: 'git';
            /** @description Absolute path of a git repository on the machine the workers run on */
            path: string;
            /** @description Base revision (any git revision) */
            base: string;
            /** @description Head revision; default HEAD */
            head?: string;
          }[];
          /** @description Reviews running at once; default 10 */
          maxParallelReviews?: number;
        };
      };
    };
    responses: {
      /** @description This run already exists */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @enum {unknown} */
            status: 'running' | 'completed' | 'failed' | 'cancelled';
            createdAt: string;
            org?: string;
            tier?: string;
            taskQueue?: string;
            total?: number;
            completed?: number;
            failed?: number;
            running?: number;
            pending?: number;
            /** @description More than a quarter of the reviews failed and an alert was raised */
            alerted?: boolean;
            /** @description Times the batch continued as a new run */
            continuedRuns?: number;
            failures?: {
              index: number;
              repository: string;
              /** @description GET /reviews/{reviewId} shows the failed review */
              reviewId: string;
              reason: string;
            }[];
            failure?: {
              type: string;
              message: string;
            };
          };
        };
      };
      /** @description A new run was started */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @enum {unknown} */
            status: 'running' | 'completed' | 'failed' | 'cancelled';
            createdAt: string;
            org?: string;
            tier?: string;
            taskQueue?: string;
            total?: number;
            completed?: number;
            failed?: number;
            running?: number;
            pending?: number;
            /** @description More than a quarter of the reviews failed and an alert was raised */
            alerted?: boolean;
            /** @description Times the batch continued as a new run */
            continuedRuns?: number;
            failures?: {
              index: number;
              repository: string;
              /** @description GET /reviews/{reviewId} shows the failed review */
              reviewId: string;
              reason: string;
            }[];
            failure?: {
              type: string;
              message: string;
            };
          };
        };
      };
      /** @description A problem (RFC 9457) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 4194304 bytes */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit of the caller reached; see Retry-After */
      429: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Overloaded, past the request deadline or shutting down; see Retry-After */
      503: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getOrgReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Organisation name */
        org: string;
        /** @description Organisation review id as returned by POST /orgs/{org}/reviews */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @enum {unknown} */
            status: 'running' | 'completed' | 'failed' | 'cancelled';
            createdAt: string;
            org?: string;
            tier?: string;
            taskQueue?: string;
            total?: number;
            completed?: number;
            failed?: number;
            running?: number;
            pending?: number;
            /** @description More than a quarter of the reviews failed and an alert was raised */
            alerted?: boolean;
            /** @description Times the batch continued as a new run */
            continuedRuns?: number;
            failures?: {
              index: number;
              repository: string;
              /** @description GET /reviews/{reviewId} shows the failed review */
              reviewId: string;
              reason: string;
            }[];
            failure?: {
              type: string;
              message: string;
            };
          };
        };
      };
      /** @description The request does not match this document */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit of the caller reached; see Retry-After */
      429: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Overloaded, past the request deadline or shutting down; see Retry-After */
      503: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  showReviewPage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Review id as returned by POST /reviews */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description HTML page */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      /** @description The request does not match this document */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit of the caller reached; see Retry-After */
      429: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Overloaded, past the request deadline or shutting down; see Retry-After */
      503: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  watchReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Review id as returned by POST /reviews */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The event stream */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': {
            /** @enum {unknown} */
            event?: 'progress' | 'problem' | 'end';
            id?: string;
            /** @description JSON: a review, a problem or {id, status} */
            data?: string;
            /** @description Reconnection delay in ms */
            retry?: number;
          };
        };
      };
      /** @description The request does not match this document */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Rate limit of the caller reached; see Retry-After */
      429: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request line and headers are larger than the server reads (16 KiB) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A problem (RFC 9457) */
      503: {
        headers: {
          /** @description Seconds to wait before trying again */
          'retry-after'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
}
