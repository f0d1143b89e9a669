import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Payload } from '@temporalio/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requiresScope } from '../auth/requires-scope.js';
import { codecCors } from '../codec/codec-cors.js';
import type { CodecEndpointSettings } from '../codec/codec-endpoint-settings.js';
import { payloadsFromJson, PayloadsJsonSchema, payloadsToJson } from '../codec/payloads-json.js';
import { HttpProblem, ProblemType } from '../http-problem.js';
import { ProblemRef } from '../schemas/problem-schema.js';

/** What the codec routes need. */
export interface CodecRoutesOptions {
  settings: CodecEndpointSettings;
  /** The namespace whose payloads these keys encrypt; a request naming another is refused. */
  namespace: string;
  /**
   * The API-key hook (see auth/api-key-auth.ts), which also takes the Web UI users' access
   * tokens when settings.oidc is set; it runs after CORS, so refusals carry CORS headers.
   */
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

const NamespaceHeaderSchema = Type.Object({
  'x-namespace': Type.Optional(Type.String({ maxLength: 256, description: 'The namespace of the payloads' })),
});

// History payloads reach 2 MB each and the Web UI sends an event's payloads together.
const codecBodyLimit = 8 * 1024 * 1024;

/**
 * Temporal's remote codec protocol, so the Temporal Web UI and CLI show decrypted history
 * (`--ui-codec-endpoint`, `temporal workflow show --codec-endpoint <api>/codec`). Both bodies are
 * `{"payloads": [...]}` in proto3 JSON. Decoding hands out plaintext, so it needs `history:read`
 * (an API key, or the access token the Web UI passes for an allowed user); encoding needs `admin`,
 * because ciphertext under our keys is accepted as genuine by the workers (a forged approval
 * signal, say), so no Web UI user can encode. Payloads are never logged.
 */
export const codecRoutes: FastifyPluginAsyncTypebox<CodecRoutesOptions> = async (app, options) => {
  const { settings, namespace } = options;
  app.addHook('onRequest', codecCors(settings.corsOrigins));
  app.addHook('onRequest', options.authenticate);
  const open = settings.auth === 'none';
  const problems = { 400: ProblemRef, ...(open ? {} : { 401: ProblemRef, 403: ProblemRef }), 413: ProblemRef };

  const checkNamespace = (header: string | undefined): void => {
    if (header !== undefined && header !== namespace) {
      throw new HttpProblem(
        400,
        ProblemType.validation,
        'Unknown namespace',
        `These keys encrypt the payloads of namespace ${namespace}, not ${header.slice(0, 256)}`,
      );
    }
  };
  const run = async (payloads: Payload[], direction: 'encode' | 'decode'): Promise<Payload[]> => {
    // The SDK encodes through its codecs in order and decodes in reverse.
    const codecs = direction === 'encode' ? settings.codecs : [...settings.codecs].reverse();
    let result = payloads;
    for (const codec of codecs) result = await codec[direction](result);
    return result;
  };

  app.post(
    '/codec/decode',
    {
      bodyLimit: codecBodyLimit,
      schema: {
        operationId: 'codecDecode',
        tags: ['codec'],
        summary: 'Decrypt history payloads (Temporal remote codec protocol, for the Web UI and CLI)',
        ...(open
          ? {}
          : {
              description:
                'Needs an API key with history:read or, with REVIEWFLOW_CODEC_OIDC_* configured, the OIDC access token the Temporal Web UI passes for its signed-in user (codec.passAccessToken): 401 when the token is not valid, 403 when the rule does not allow that user.',
            }),
        ...(open ? {} : { security: requiresScope('history:read') }),
        headers: NamespaceHeaderSchema,
        body: PayloadsJsonSchema,
        response: { 200: PayloadsJsonSchema, ...problems, 422: ProblemRef },
      },
    },
    async (request) => {
      checkNamespace(request.headers['x-namespace']);
      try {
        return payloadsToJson(await run(payloadsFromJson(request.body), 'decode'));
      } catch {
        // Tampered ciphertext, a retired key or bytes that are not a payload: the caller's input.
        throw new HttpProblem(
          422,
          ProblemType.validation,
          'Payload cannot be decoded',
          'A payload did not authenticate under any configured key, or is not a Temporal payload',
        );
      }
    },
  );

  app.post(
    '/codec/encode',
    {
      bodyLimit: codecBodyLimit,
      schema: {
        operationId: 'codecEncode',
        tags: ['codec'],
        summary: 'Encrypt payloads (Temporal remote codec protocol: inputs typed into the Web UI or CLI)',
        ...(open
          ? {}
          : { description: 'Needs an API key with admin: a Web UI access token may decode only (403 here).' }),
        ...(open ? {} : { security: requiresScope('admin') }),
        headers: NamespaceHeaderSchema,
        body: PayloadsJsonSchema,
        response: { 200: PayloadsJsonSchema, ...problems },
      },
    },
    async (request) => {
      checkNamespace(request.headers['x-namespace']);
      return payloadsToJson(await run(payloadsFromJson(request.body), 'encode'));
    },
  );

  // Browser preflights; codecCors answers them before any handler runs.
  for (const url of ['/codec/decode', '/codec/encode']) {
    app.options(url, { schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
  }
};
