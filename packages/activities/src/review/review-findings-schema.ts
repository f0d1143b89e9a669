import { severities, type Severity, type TokenUsage } from '@reviewflow/contract';

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

/** One finding as a model reports it, before reviewflow checks it against the diff. */
export interface ModelFinding {
  file: string;
  line: number;
  severity: Severity;
  category: FindingCategory;
  message: string;
  suggestion: string | null;
  /** The offending code, copied from an added line; anchors the finding when the line number is off. */
  quote?: string;
}

/**
 * The JSON schema a model's answer must match, in the subset OpenAI's strict structured outputs
 * accept (every property required, `null` for "no suggestion", no additional properties), so the same
 * schema works for OpenAI, vLLM's guided decoding and Ollama.
 */
export const reviewFindingsJsonSchema: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  required: ['findings'],
  properties: {
    findings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file', 'quote', 'line', 'severity', 'category', 'message', 'suggestion'],
        properties: {
          file: { type: 'string', description: 'Path of the file, exactly as given' },
          quote: { type: 'string', description: 'The offending code, copied exactly from one added (+) line' },
          line: { type: 'integer', description: 'Line number of an added (+) line in the new version' },
          severity: { type: 'string', enum: [...severities] },
          category: { type: 'string', enum: [...findingCategories] },
          message: { type: 'string', description: 'What is wrong and why, in one or two sentences' },
          suggestion: { type: ['string', 'null'], description: 'A concrete fix, or null' },
        },
      },
    },
  },
};

/**
 * Thrown for model output that is not JSON of {@link reviewFindingsJsonSchema}; says what was wrong
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

// Findings are stored, shown and posted as comments: a model that writes an essay is cut, not trusted.
const maxMessageLength = 2000;
const maxFindingsPerChunk = 50;

/**
 * Parses and validates a model's answer against {@link reviewFindingsJsonSchema}. Servers without
 * strict decoding can still answer with prose, a wrong enum or a missing field, so nothing is assumed;
 * a single bad finding makes the whole answer invalid, because a model that broke the schema once in
 * an answer is not to be trusted on the rest of it.
 */
export function parseModelFindings(content: string): ModelFinding[] {
  const parsed = extractModelJson(content);
  if (parsed === undefined) {
    throw new InvalidModelOutputError(`model output is not JSON (${content.length} characters)`);
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { findings?: unknown }).findings)) {
    throw new InvalidModelOutputError('model output has no "findings" array');
  }
  const items = (parsed as { findings: unknown[] }).findings;
  if (items.length > maxFindingsPerChunk) {
    throw new InvalidModelOutputError(`model output has ${items.length} findings, more than ${maxFindingsPerChunk}`);
  }
  return items.map((item, i) => validateFinding(item, i));
}

// Each candidate costs a scan and a JSON.parse; an answer is at most a few thousand tokens, and this
// bounds the work on one that is all braces.
const maxJsonCandidates = 20;

/**
 * The JSON in a model's answer: the whole answer, else the content of a Markdown fence, else the first
 * balanced `{...}` block that parses, preferring one with a `findings` array. Models asked for JSON in
 * plain-text mode (no response format the server enforces) wrap it in prose and fences, sometimes an
 * unterminated one. `undefined` when there is none.
 */
export function extractModelJson(content: string): unknown {
  const text = content.trim();
  const whole = tryParse(text);
  if (whole !== undefined) return whole;
  const fenced = /```[\w-]*[^\S\n]*\n?([\s\S]*?)```/.exec(text)?.[1];
  const inFence = fenced === undefined ? undefined : tryParse(fenced.trim());
  if (inFence !== undefined) return inFence;
  let first: unknown;
  let tried = 0;
  for (let start = text.indexOf('{'); start !== -1 && tried < maxJsonCandidates; start = text.indexOf('{', start + 1)) {
    tried++;
    const end = balancedEnd(text, start);
    if (end === undefined) continue;
    const block = tryParse(text.slice(start, end + 1));
    if (block === undefined) continue;
    if (Array.isArray((block as { findings?: unknown }).findings)) return block;
    first ??= block;
    // The block's inside holds only its own members; the next candidate starts after it.
    start = end;
  }
  return first;
}

/** Index of the `}` that closes the `{` at `start`, skipping braces inside JSON strings. */
function balancedEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return undefined;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function validateFinding(item: unknown, i: number): ModelFinding {
  const fail = (what: string): never => {
    throw new InvalidModelOutputError(`finding ${i}: ${what}`);
  };
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return fail('is not an object');
  const f = item as Record<string, unknown>;
  if (typeof f.file !== 'string' || f.file === '') fail('"file" is not a non-empty string');
  if (typeof f.line !== 'number' || !Number.isInteger(f.line) || f.line < 1) fail('"line" is not a positive integer');
  if (!severities.includes(f.severity as Severity)) fail(`"severity" is not one of ${severities.join(', ')}`);
  if (!findingCategories.includes(f.category as FindingCategory))
    fail(`"category" is not one of ${findingCategories.join(', ')}`);
  if (typeof f.message !== 'string' || f.message.trim() === '') fail('"message" is not a non-empty string');
  if (f.suggestion !== null && f.suggestion !== undefined && typeof f.suggestion !== 'string') {
    fail('"suggestion" is neither a string nor null');
  }
  return {
    file: f.file as string,
    line: f.line as number,
    severity: f.severity as Severity,
    category: f.category as FindingCategory,
    message: (f.message as string).trim().slice(0, maxMessageLength),
    suggestion:
      typeof f.suggestion === 'string' && f.suggestion.trim() !== ''
        ? f.suggestion.trim().slice(0, maxMessageLength)
        : null,
    ...(typeof f.quote === 'string' && f.quote.trim() !== ''
      ? { quote: f.quote.trim().slice(0, maxMessageLength) }
      : {}),
  };
}
