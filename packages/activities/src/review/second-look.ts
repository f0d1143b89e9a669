import type { Finding, Severity, TokenUsage } from '@reviewflow/contract';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { estimateTokens } from '../chunk/estimate-tokens.js';
import type { ChatMessage, ChatModel } from '../llm/chat-model.js';
import { extractModelJson } from './extract-model-json.js';
import { flooredSeverity } from './floored-severity.js';
import { severitySchema } from './review-findings-schema.js';
import type { ReviewContext } from './reviewer.js';
import { severityRubric } from './severity-rubric.js';

const secondLookPrompt = [
  'You double-check one finding of a code review before it is shown to the author.',
  'Say "real" only when the quoted added line really has the problem described and it would hurt if shipped; say "not_a_problem" for a guess, a matter of taste, or a problem that the code shown already handles.',
  'Then rate the severity of a real problem:',
  ...severityRubric,
  'Answer with JSON matching the schema.',
].join('\n');

const verdictSchema = Type.Object(
  {
    verdict: Type.Enum(['real', 'not_a_problem'], { type: 'string' }),
    severity: severitySchema,
  },
  { additionalProperties: false },
);

// A verdict is two enum values; this bounds an answer that rambles on past them.
const maxVerdictTokens = 32;

/**
 * A second look before findings ship: asks the model once per finding whether it is real, keeps the
 * real ones at the severity of the second look (raised to the floor of what they describe) and drops
 * the rest. An answer that is not a verdict, or a budget that cannot pay for the call, keeps the
 * finding as the first look had it. What the calls cost is added to `usage`.
 */
export async function secondLook(
  model: ChatModel,
  chunkText: string,
  findings: Finding[],
  usage: TokenUsage,
  context: ReviewContext,
): Promise<{ findings: Finding[]; calls: number; rejected: number }> {
  const kept: Finding[] = [];
  let calls = 0;
  let rejected = 0;
  for (const finding of findings) {
    const messages: ChatMessage[] = [
      { role: 'system', content: secondLookPrompt },
      {
        role: 'user',
        content: `${chunkText}\n\nFinding on line ${finding.line} (${finding.rule.replace(/^llm\//, '')}, ${finding.severity}): ${finding.message}`,
      },
    ];
    const cost = estimateTokens(messages.map((m) => m.content).join('\n')) + maxVerdictTokens;
    const spent = usage.inputTokens + usage.outputTokens;
    if (context.tokenBudgetRemaining !== undefined && spent + cost > context.tokenBudgetRemaining) {
      kept.push(finding);
      continue;
    }
    calls++;
    const completion = await model.complete({
      messages,
      // Spread into the plain object type a request carries; the JSON is the schema's own.
      jsonSchema: { name: 'second_look', schema: { ...verdictSchema } },
      maxOutputTokens: maxVerdictTokens,
      ...(context.signal ? { signal: context.signal } : {}),
    });
    usage.inputTokens += completion.usage?.inputTokens ?? 0;
    usage.outputTokens += completion.usage?.outputTokens ?? 0;
    const verdict = parseVerdict(completion.content);
    if (!verdict) kept.push(finding);
    else if (!verdict.real) rejected++;
    else
      kept.push({
        ...finding,
        severity: flooredSeverity(finding.rule.replace(/^llm\//, ''), finding.message, verdict.severity),
      });
  }
  return { findings: kept, calls, rejected };
}

/** One second-look answer, or undefined for an answer that is not one. */
function parseVerdict(content: string): { real: boolean; severity: Severity } | undefined {
  const parsed = extractModelJson(content);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  // Members beside the two are forgiven, as in a review answer.
  const { verdict, severity } = parsed as Record<string, unknown>;
  const answer = { verdict, severity };
  return Value.Check(verdictSchema, answer)
    ? { real: answer.verdict === 'real', severity: answer.severity }
    : undefined;
}
