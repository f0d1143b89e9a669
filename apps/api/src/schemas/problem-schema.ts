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

/** A reference to the shared problem schema, for route response maps. */
export const ProblemRef = Type.Ref('Problem');
