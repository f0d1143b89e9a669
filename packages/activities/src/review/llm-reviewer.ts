import {
  severities,
  type Chunk,
  type ComponentInfo,
  type Finding,
  type Severity,
  type TokenUsage,
} from '@reviewflow/contract';
import { estimateTokens } from '../chunk/estimate-tokens.js';
import type { ChatMessage, ChatModel } from '../llm/chat-model.js';
import { redactSecrets } from '../redact/redact-secrets.js';
import { renderChunkForModel } from './render-chunk-for-model.js';
import {
  extractModelJson,
  InvalidModelOutputError,
  parseModelFindings,
  reviewFindingsJsonSchema,
  type ModelFinding,
} from './review-findings-schema.js';
import type { ReviewContext, Reviewer } from './reviewer.js';
import type { ReviewerOutput } from './reviewer-output.js';

/** Limits of {@link LlmReviewer}. */
export interface LlmReviewerOptions {
  /** Upper bound of one answer; also what the budget check reserves for it. Default 1024. */
  maxOutputTokens?: number;
  /** Tokens of related context added to a prompt at most; the most related chunks go first. Default 2000. */
  maxContextTokens?: number;
  /**
   * Extra calls after an answer that is not valid JSON of the findings schema, within one activity
   * attempt so their tokens count toward the review. After them the chunk fails with
   * `ModelOutputInvalid`, non-retryable: a model that failed three times in a row is misconfigured
   * (no structured-output support) more likely than unlucky. Default 2.
   */
  maxInvalidOutputRetries?: number;
  /**
   * A second look before a finding ships: one short call per finding asks the model whether it is
   * a real problem and how severe, with the rubric; findings it rejects are dropped and counted.
   * Small models raise findings on clean look-alike changes, and a gate on severity is only worth
   * as much as the findings it sees. Default false.
   */
  secondLook?: boolean;
}

const systemPrompt = [
  'You are a senior engineer reviewing one chunk of a code change.',
  'Report every real problem in the lines marked "+": bugs, security holes (injection, auth, secrets), reliability and performance problems. No style, naming or documentation remarks.',
  'Each finding names the file exactly as given, copies the offending code from the added line into "quote", and gives the line number shown in the gutter of that line.',
  'Do not report on context lines, deleted lines or the related code, which is there only to help you understand the change.',
  'Values shown as [REDACTED] were credentials removed before review; a hard-coded credential is still worth a finding.',
  'Severity, by what happens if the change ships:',
  '- critical: an attacker can exploit it from outside, or data is lost or corrupted.',
  '- high: SQL, shell or code injection from input; missing authentication or authorization; a hard-coded secret; a crash or wrong result on ordinary input (an off-by-one in a loop bound, a missing await whose result is used, a null dereference).',
  '- medium: a wrong result on edge cases, a leaked resource, an error that is swallowed, work that grows badly with input size.',
  '- low: a small, real problem that is unlikely to matter.',
  'Answer with JSON matching the schema.',
].join('\n');

// Categories whose problems are serious by nature: a model that calls an injection "low" is wrong
// about the severity, not about the problem (small models label nearly everything low).
const severityFloors: { pattern: RegExp; floor: Severity }[] = [
  { pattern: /\b(sql|command|shell|code|ldap|xpath|template)[- ]?injection\b|\binjection\b/i, floor: 'high' },
  { pattern: /\b(authenticat|authori[sz])\w*|\bauth (bypass|check)|\bpermission check/i, floor: 'high' },
  {
    pattern:
      /\b(secret|credential|password|api key|private key|token)s?\b.*\b(hard-?coded|committed|leak|exposed|plain ?text)|\bhard-?coded (secret|credential|password|key|token)/i,
    floor: 'high',
  },
];

/** The severity a finding ships with: the model's, raised to the floor of what its message describes. */
export function flooredSeverity(category: string, message: string, severity: Severity): Severity {
  if (category !== 'security' && category !== 'correctness' && category !== 'reliability') return severity;
  let result = severity;
  for (const { pattern, floor } of severityFloors) {
    if (pattern.test(message) && severities.indexOf(floor) > severities.indexOf(result)) result = floor;
  }
  return result;
}

/**
 * The model reviewer: asks a chat model for structured findings on one chunk, with the most related
 * other chunks as context. Credentials are redacted from everything sent; the answer is validated
 * against the findings schema, and findings on lines the chunk does not add are dropped and counted,
 * so every finding can be shown on a line of the diff.
 */
export class LlmReviewer implements Reviewer {
  readonly info: ComponentInfo;
  private readonly maxOutputTokens: number;
  private readonly maxContextTokens: number;
  private readonly maxInvalidOutputRetries: number;
  private readonly secondLook: boolean;

  constructor(
    private readonly model: ChatModel,
    options: LlmReviewerOptions = {},
  ) {
    this.maxOutputTokens = options.maxOutputTokens ?? 1024;
    this.maxContextTokens = options.maxContextTokens ?? 2000;
    this.maxInvalidOutputRetries = options.maxInvalidOutputRetries ?? 2;
    this.secondLook = options.secondLook ?? false;
    this.info = {
      name: `llm-${model.info.name}`,
      offline: false,
      description: `LLM reviewer with structured output${this.secondLook ? ' and a second look at each finding' : ''}, on the ${model.info.description}`,
    };
  }

  async review(chunk: Chunk, context: ReviewContext = {}): Promise<ReviewerOutput> {
    const target = redactSecrets(renderChunkForModel(chunk), chunk.file);
    let redactions = target.redactions;
    const related: string[] = [];
    let contextTokens = 0;
    for (const other of context.related ?? []) {
      const rendered = redactSecrets(renderChunkForModel(other), other.file);
      const tokens = estimateTokens(rendered.text);
      if (contextTokens + tokens > this.maxContextTokens) continue;
      contextTokens += tokens;
      redactions += rendered.redactions;
      related.push(rendered.text);
    }
    const messages: ChatMessage[] = [
      { role: 'system', content: systemPrompt },
      {
        role: 'user',
        content:
          (related.length > 0
            ? `Related code from the same change, for context only:\n\n${related.join('\n\n')}\n\n---\n\n`
            : '') + `Review this chunk:\n\n${target.text}`,
      },
    ];
    const promptTokens =
      estimateTokens(messages.map((m) => m.content).join('\n')) +
      estimateTokens(JSON.stringify(reviewFindingsJsonSchema));

    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
    let modelCalls = 0;
    let lastError: InvalidModelOutputError | undefined;
    for (let call = 0; call <= this.maxInvalidOutputRetries; call++) {
      const remaining =
        context.tokenBudgetRemaining === undefined
          ? Infinity
          : context.tokenBudgetRemaining - usage.inputTokens - usage.outputTokens;
      if (promptTokens + this.maxOutputTokens > remaining) {
        // Out of budget before a first answer: the chunk stays unreviewed and coverage says so.
        // After an invalid answer it is the invalid output that ends the chunk, reported below.
        if (lastError) break;
        return { findings: [], usage, modelCalls, redactions, skipped: 'token-budget' };
      }
      modelCalls++;
      const completion = await this.model.complete({
        messages,
        jsonSchema: { name: 'review_findings', schema: reviewFindingsJsonSchema },
        maxOutputTokens: this.maxOutputTokens,
        ...(context.signal ? { signal: context.signal } : {}),
      });
      usage.inputTokens += completion.usage?.inputTokens ?? 0;
      usage.outputTokens += completion.usage?.outputTokens ?? 0;
      try {
        if (completion.finishReason === 'length') {
          throw new InvalidModelOutputError(`model output was cut at ${this.maxOutputTokens} tokens`);
        }
        const { findings, outsideDiff } = placeFindings(chunk, parseModelFindings(completion.content));
        if (!this.secondLook || findings.length === 0) {
          return { findings, usage, modelCalls, redactions, findingsOutsideDiff: outsideDiff };
        }
        const checked = await this.lookAgain(target.text, findings, usage, context);
        return {
          findings: checked.findings,
          usage,
          modelCalls: modelCalls + checked.calls,
          redactions,
          findingsOutsideDiff: outsideDiff,
          findingsRejectedOnSecondLook: checked.rejected,
        };
      } catch (err) {
        if (!(err instanceof InvalidModelOutputError)) throw err;
        lastError = err;
      }
    }
    throw new InvalidModelOutputError(
      `${this.info.name} gave no valid findings for chunk ${chunk.id} of ${chunk.file} in ${modelCalls} calls: ${lastError?.message}`,
      { usage, modelCalls, redactions },
    );
  }

  /**
   * Asks the model once per finding whether it is real; keeps the real ones at the severity of the
   * second look (raised to the floor of what they describe) and drops the rest. An answer that is not
   * a verdict, or a budget that cannot pay for the call, keeps the finding as the first look had it.
   */
  private async lookAgain(
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
      const cost = estimateTokens(messages.map((m) => m.content).join('\n')) + 32;
      const spent = usage.inputTokens + usage.outputTokens;
      if (context.tokenBudgetRemaining !== undefined && spent + cost > context.tokenBudgetRemaining) {
        kept.push(finding);
        continue;
      }
      calls++;
      const completion = await this.model.complete({
        messages,
        jsonSchema: { name: 'second_look', schema: secondLookSchema },
        maxOutputTokens: 32,
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
}

const secondLookPrompt = [
  'You double-check one finding of a code review before it is shown to the author.',
  'Say "real" only when the quoted added line really has the problem described and it would hurt if shipped; say "not_a_problem" for a guess, a matter of taste, or a problem that the code shown already handles.',
  'Then rate the severity of a real problem:',
  ...systemPromptRubric(),
  'Answer with JSON matching the schema.',
].join('\n');

const secondLookSchema: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  required: ['verdict', 'severity'],
  properties: {
    verdict: { type: 'string', enum: ['real', 'not_a_problem'] },
    severity: { type: 'string', enum: [...severities] },
  },
};

function systemPromptRubric(): string[] {
  return systemPrompt.split('\n').filter((line) => line.startsWith('- '));
}

/** One second-look answer, or undefined for an answer that is not one. */
function parseVerdict(content: string): { real: boolean; severity: Severity } | undefined {
  const parsed = extractModelJson(content) as Record<string, unknown> | undefined;
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  if (parsed.verdict !== 'real' && parsed.verdict !== 'not_a_problem') return undefined;
  if (!severities.includes(parsed.severity as Severity)) return undefined;
  return { real: parsed.verdict === 'real', severity: parsed.severity as Severity };
}

/**
 * Keeps findings on added lines of the chunk's file, sorted and one per (line, category); counts the
 * rest. Small models miscount lines, so a finding that quotes its code is anchored on the added line
 * holding that code (the one nearest the stated line when several do), falling back to the line number.
 */
function placeFindings(chunk: Chunk, found: ModelFinding[]): { findings: Finding[]; outsideDiff: number } {
  const added = new Map<number, string>();
  for (const hunk of chunk.hunks) {
    for (const line of hunk.lines)
      if (line.kind === 'add' && line.newLine !== undefined) added.set(line.newLine, line.text);
  }
  const kept = new Map<string, Finding>();
  let outsideDiff = 0;
  for (const f of found) {
    // Models sometimes prefix `./` or `b/` (from diff notation); anything else is another file.
    const file = f.file.replace(/^(?:\.\/|b\/)/, '');
    const line = file === chunk.file ? anchorLine(added, f) : undefined;
    if (line === undefined) {
      outsideDiff++;
      continue;
    }
    const rule = `llm/${f.category}`;
    const key = `${line}\u0000${rule}`;
    if (kept.has(key)) continue;
    kept.set(key, {
      file: chunk.file,
      line,
      rule,
      severity: flooredSeverity(f.category, f.message, f.severity),
      message: f.message,
      ...(f.suggestion === null ? {} : { suggestion: f.suggestion }),
    });
  }
  const findings = [...kept.values()].sort(
    (a, b) => a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
  return { findings, outsideDiff };
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

function anchorLine(added: ReadonlyMap<number, string>, f: ModelFinding): number | undefined {
  const quote = f.quote === undefined ? '' : squash(f.quote.replace(/^[+]\s*\d*\s*\|\s?/, ''));
  // A quote of a few characters ("=", "id") would match anywhere: only distinctive ones anchor.
  if (quote.length >= 8) {
    let best: number | undefined;
    for (const [line, text] of added) {
      if (!squash(text).includes(quote)) continue;
      if (best === undefined || Math.abs(line - f.line) < Math.abs(best - f.line)) best = line;
    }
    if (best !== undefined) return best;
  }
  return added.has(f.line) ? f.line : undefined;
}
