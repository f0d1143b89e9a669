import { severities, type Chunk, type ComponentInfo, type Finding } from '@reviewflow/contract';
import { Context } from '@temporalio/activity';
import { ModelHttpError } from '../llm/model-http-error.js';
import { InvalidModelOutputError } from './review-findings-schema.js';
import type { LlmReviewer } from './llm-reviewer.js';
import { OfflineReviewer } from './offline-reviewer.js';
import type { ReviewContext, Reviewer } from './reviewer.js';
import { reviewerOutputOf, type ReviewerOutput } from './reviewer-output.js';

/**
 * Activity attempts of one chunk that wait for an unavailable model; from this attempt on the chunk
 * is reviewed by the rules alone (unless the review requires the model), so a model outage delays a
 * review by seconds to minutes instead of failing it. Below the workflow's five attempts on purpose.
 */
export const modelAttemptsBeforeRulesOnly = 3;

// The rule families' ids say what they are about; a model finding of the same category on the same
// line is the same problem, seen twice.
const ruleCategory: Record<string, string> = {
  secret: 'security',
  tls: 'security',
  exec: 'security',
  shell: 'security',
  debug: 'maintainability',
  marker: 'maintainability',
};

/** The category of a finding's rule id: `llm/<category>` for models, by rule family for the rules. */
export function findingCategory(rule: string): string {
  const [family = '', rest = ''] = rule.split('/', 2);
  return family === 'llm' ? rest : (ruleCategory[family] ?? family);
}

/**
 * Rules and a model on every chunk. The rules always run: they are certain and free, and the model
 * reviewer redacts the secrets they know before any text leaves for the model. Findings are merged
 * and deduplicated by file, line and category, each naming the reviewer that found it; where both
 * found the same problem the rules' finding stays, at the higher of the two severities.
 *
 * A model that stays unavailable (retryable server trouble) through
 * {@link modelAttemptsBeforeRulesOnly} activity attempts, or gives no valid answer, leaves the chunk
 * to the rules, and the output says so (`rulesOnly`), unless `modelRequired`.
 */
export class HybridReviewer implements Reviewer {
  readonly info: ComponentInfo;
  readonly reviewers: ComponentInfo[];
  private readonly rules: OfflineReviewer;

  constructor(
    private readonly model: LlmReviewer,
    options: { rules?: OfflineReviewer } = {},
  ) {
    this.rules = options.rules ?? new OfflineReviewer();
    this.reviewers = [this.rules.info, model.info];
    this.info = {
      name: `${model.info.name}+rules`,
      offline: false,
      description: `${model.info.description}, beside the ${this.rules.info.name} rules`,
    };
  }

  async review(chunk: Chunk, context: ReviewContext = {}): Promise<ReviewerOutput> {
    const byRules = reviewerOutputOf(await this.rules.review(chunk)).findings.map((f) => ({
      ...f,
      reviewer: this.rules.info.name,
    }));
    let byModel: ReviewerOutput;
    try {
      byModel = await this.model.review(chunk, context);
    } catch (err) {
      if (context.modelRequired) throw err;
      // Asking again for the same chunk at temperature 0 gives the same answer: a model that gave
      // no valid one after the reviewer's own retries leaves the chunk to the rules at once.
      if (err instanceof InvalidModelOutputError) {
        return {
          findings: byRules,
          ...(err.spent
            ? { usage: err.spent.usage, modelCalls: err.spent.modelCalls, redactions: err.spent.redactions ?? 0 }
            : {}),
          rulesOnly: `model gave no valid answer: ${err.message}`,
        };
      }
      const attempt = attemptOfActivity();
      if (!(err instanceof ModelHttpError && err.retryable) || attempt < modelAttemptsBeforeRulesOnly) throw err;
      return { findings: byRules, rulesOnly: `model unavailable after ${attempt} attempts: ${err.message}` };
    }
    return {
      ...byModel,
      findings: mergeFindings(
        byRules,
        byModel.findings.map((f) => ({ ...f, reviewer: this.model.info.name })),
      ),
    };
  }
}

function attemptOfActivity(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    // Outside an activity (tools, benchmarks) there is one attempt.
    return modelAttemptsBeforeRulesOnly;
  }
}

/** Rules first; a model finding on a line and category the rules already have raises its severity at most. */
export function mergeFindings(byRules: Finding[], byModel: Finding[]): Finding[] {
  const merged = [...byRules];
  const keyOf = (f: Finding) => `${f.file}\u0000${f.line}\u0000${findingCategory(f.rule)}`;
  const first = new Map<string, number>();
  merged.forEach((f, i) => {
    if (!first.has(keyOf(f))) first.set(keyOf(f), i);
  });
  for (const f of byModel) {
    const at = first.get(keyOf(f));
    if (at === undefined) {
      first.set(keyOf(f), merged.length);
      merged.push(f);
    } else if (severities.indexOf(f.severity) > severities.indexOf(merged[at]!.severity)) {
      merged[at] = { ...merged[at]!, severity: f.severity };
    }
  }
  return merged.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}
