import type { Chunk, ComponentInfo, TokenUsage } from '@reviewflow/contract';
import { estimateTokens } from '../chunk/estimate-tokens.js';
import type { ChatMessage, ChatModel } from '../llm/chat-model.js';
import { redactSecrets } from '../redact/redact-secrets.js';
import { parseModelFindings } from './parse-model-findings.js';
import { placeFindings } from './place-findings.js';
import { renderChunkForModel } from './render-chunk-for-model.js';
import { InvalidModelOutputError, reviewFindingsJsonSchema } from './review-findings-schema.js';
import type { ReviewContext, Reviewer } from './reviewer.js';
import type { ReviewerOutput } from './reviewer-output.js';
import { secondLook } from './second-look.js';
import { severityRubric } from './severity-rubric.js';

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
  ...severityRubric,
  'Answer with JSON matching the schema.',
].join('\n');

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
        const checked = await secondLook(this.model, target.text, findings, usage, context);
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
}
