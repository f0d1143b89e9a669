import { Type } from 'typebox';

/** An RFC 9457 problem document, the body of every error response. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'Stable URI naming the kind of failure' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String({ description: 'The request path' })),
    requestId: Type.Optional(Type.String({ description: 'Quote it when reporting a problem' })),
    errors: Type.Optional(
      Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), {
        description: 'Validation errors, one per invalid field',
      }),
    ),
  },
  { $id: 'Problem', additionalProperties: true },
);

/**
 * A problem answer for route response maps. Declared under `application/problem+json`, the media
 * type the problem handler sends, so clients and fuzzers that check content types agree with it.
 */
export const ProblemRef = {
  description: 'A problem (RFC 9457)',
  content: { 'application/problem+json': { schema: Type.Ref('Problem') } },
};

/** A problem answer that tells when to try again (429, 503): ProblemRef with a `Retry-After` header. */
export const retryAfterProblem = (description: string) => ({
  ...ProblemRef,
  description,
  headers: {
    'retry-after': Type.Integer({ minimum: 0, description: 'Seconds to wait before trying again' }),
  },
});
