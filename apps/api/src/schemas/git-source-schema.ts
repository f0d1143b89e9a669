import { Type } from 'typebox';

/** A local git repository and a commit range to review. */
export const GitSourceSchema = Type.Object(
  {
    kind: Type.Literal('git'),
    path: Type.String({
      minLength: 2,
      maxLength: 4096,
      pattern: '^/',
      description: 'Absolute path of a git repository on the machine the workers run on',
    }),
    base: Type.String({
      minLength: 1,
      maxLength: 256,
      pattern: '^[^-]',
      description: 'Base revision (any git revision)',
    }),
    head: Type.Optional(
      Type.String({ minLength: 1, maxLength: 256, pattern: '^[^-]', description: 'Head revision; default HEAD' }),
    ),
  },
  { additionalProperties: false },
);
