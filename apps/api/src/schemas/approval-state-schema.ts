import { Type } from 'typebox';

const ApprovalRecordSchema = Type.Object({
  decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
  reason: Type.Optional(Type.String()),
  approver: Type.Optional(Type.String()),
  decidedAt: Type.String(),
});

/** Where a review stands at its approval gate, and the decision once there is one. */
export const ApprovalStateSchema = Type.Object({
  required: Type.Boolean(),
  state: Type.Enum(['not_required', 'pending', 'waiting', 'approved', 'rejected'], {
    description: '`pending`: the gate is not reached yet (a decision sent now is kept); `waiting`: waiting now',
  }),
  timeoutSeconds: Type.Optional(Type.Integer()),
  deadline: Type.Optional(Type.String()),
  decision: Type.Optional(ApprovalRecordSchema),
});
