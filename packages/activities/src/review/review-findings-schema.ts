import { severities, type TokenUsage } from '@reviewflow/contract';
import { Type, type Static } from 'typebox';

/** What a model may call a finding; becomes the rule id `llm/<category>`. */
export const findingCategories = [
  'security',
  'correctness',
  'performance',
  'reliability',
  'maintainability',
  'style',
  'testing',
  'documentation',
] as const;
export type FindingCategory = (typeof findingCategories)[number];

/**
 * A severity as a model gives it, in the review and in the second look. `type: 'string'` beside the
 * enum keeps the wire form what models have always been sent.
 */
export const severitySchema = Type.Enum(severities, { type: 'string' });

// Refinements check answers only: TypeBox keeps them off the JSON a model is sent, which stays within
// the keywords both OpenAI's strict mode and node-llama-cpp's grammar support.
const nonEmpty = (text: string) => text !== '';
const nonBlank = (text: string) => text.trim() !== '';

/**
 * One finding as a model reports it, before reviewflow checks it against the diff. Every property is
 * required and `suggestion` is nullable rather than optional, the subset OpenAI's strict structured
 * outputs accept. The null is a type array, not TypeBox's `anyOf` union: node-llama-cpp's grammar has
 * no `anyOf` and would read the property as always null.
 */
export const modelFindingSchema = Type.Object(
  {
    file: Type.Refine(Type.String({ description: 'Path of the file, exactly as given' }), nonEmpty),
    quote: Type.String({ description: 'The offending code, copied exactly from one added (+) line' }),
    line: Type.Refine(
      Type.Integer({ description: 'Line number of an added (+) line in the new version' }),
      (line) => line >= 1,
    ),
    severity: severitySchema,
    category: Type.Enum(findingCategories, { type: 'string' }),
    message: Type.Refine(Type.String({ description: 'What is wrong and why, in one or two sentences' }), nonBlank),
    suggestion: Type.Unsafe<string | null>({ type: ['string', 'null'], description: 'A concrete fix, or null' }),
  },
  { additionalProperties: false },
);

/**
 * One finding as a model reports it. After {@link import('./parse-model-findings.js').parseModelFindings}
 * the texts are trimmed and capped, a blank suggestion is `null`, and `quote` (the offending code,
 * which anchors the finding when the line number is off) is `''` when the model gave none.
 */
export type ModelFinding = Static<typeof modelFindingSchema>;

/** A model's whole answer for one chunk. */
export const reviewFindingsSchema = Type.Object(
  { findings: Type.Array(modelFindingSchema) },
  { additionalProperties: false },
);

/**
 * {@link reviewFindingsSchema} as the plain JSON schema a chat request carries (spread only to give it
 * that type; its JSON is the schema's own), so the same schema works for OpenAI, vLLM's guided
 * decoding, Ollama and node-llama-cpp's grammar.
 */
export const reviewFindingsJsonSchema: Record<string, unknown> = { ...reviewFindingsSchema };

/**
 * Thrown for model output that is not JSON of {@link reviewFindingsSchema}; says what was wrong
 * and, when thrown at the end of a chunk, what the failed calls cost (they still count as tokens).
 */
export class InvalidModelOutputError extends Error {
  constructor(
    message: string,
    readonly spent?: { usage: TokenUsage; modelCalls: number; redactions?: number },
  ) {
    super(message);
    this.name = 'InvalidModelOutputError';
  }
}
