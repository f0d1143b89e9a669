import { severities } from '@reviewflow/contract';
import { Value } from 'typebox/value';
import { extractModelJson } from './extract-model-json.js';
import {
  findingCategories,
  InvalidModelOutputError,
  modelFindingSchema,
  type ModelFinding,
} from './review-findings-schema.js';

// Findings are stored, shown and posted as comments: a model that writes an essay is cut, not trusted.
const maxMessageLength = 2000;
const maxFindingsPerChunk = 50;

type FindingField = keyof ModelFinding;

const findingFields = Object.keys(modelFindingSchema.properties) as FindingField[];

// One message per field, whichever of its checks failed, so a log line reads the same for a wrong
// type and a wrong value.
const fieldProblems: Record<FindingField, string> = {
  file: '"file" is not a non-empty string',
  quote: '"quote" is not a string',
  line: '"line" is not a positive integer',
  severity: `"severity" is not one of ${severities.join(', ')}`,
  category: `"category" is not one of ${findingCategories.join(', ')}`,
  message: '"message" is not a non-empty string',
  suggestion: '"suggestion" is neither a string nor null',
};

/**
 * Parses a model's answer and checks each finding against {@link modelFindingSchema}. Servers without
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
  return items.map((item, i) => checkFinding(item, i));
}

function checkFinding(item: unknown, i: number): ModelFinding {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new InvalidModelOutputError(`finding ${i}: is not an object`);
  }
  const given = item as Record<string, unknown>;
  // What a server without strict decoding may leave out or add is forgiven: members outside the
  // schema are dropped, the quote is only an anchoring hint (none when missing or not a string), and
  // a missing suggestion is none.
  const candidate: Record<string, unknown> = {};
  for (const field of findingFields) if (field in given) candidate[field] = given[field];
  candidate.quote = typeof given.quote === 'string' ? given.quote : '';
  candidate.suggestion = given.suggestion ?? null;
  if (!Value.Check(modelFindingSchema, candidate)) {
    const field = firstFailingField(candidate);
    throw new InvalidModelOutputError(`finding ${i}: ${field ? fieldProblems[field] : 'does not match the schema'}`);
  }
  const suggestion = candidate.suggestion?.trim() ?? '';
  return {
    file: candidate.file,
    quote: capped(candidate.quote),
    line: candidate.line,
    severity: candidate.severity,
    category: candidate.category,
    message: capped(candidate.message),
    suggestion: suggestion === '' ? null : capped(suggestion),
  };
}

/** The field a failed check is reported for: the first one in schema order, as a reader scans. */
function firstFailingField(candidate: Record<string, unknown>): FindingField | undefined {
  const failing = new Set<string>();
  for (const error of Value.Errors(modelFindingSchema, candidate)) {
    const field = error.instancePath.split('/')[1];
    if (field !== undefined && field !== '') failing.add(field);
    // A missing member is reported on the object, not at its own path.
    const missing = (error.params as { requiredProperties?: unknown }).requiredProperties;
    if (Array.isArray(missing)) for (const name of missing) failing.add(String(name));
  }
  return findingFields.find((field) => failing.has(field));
}

function capped(text: string): string {
  return text.trim().slice(0, maxMessageLength);
}
