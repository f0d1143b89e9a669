import { Type } from 'typebox';

/** The body of `POST /reviews/{id}/approval`: the decision and, optionally, why. */
export const DecideApprovalBodySchema = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
