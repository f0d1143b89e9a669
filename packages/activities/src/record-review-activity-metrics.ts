import { Context } from '@temporalio/activity';
import { severities, ReviewMetric, type ComponentInfo, type Severity } from '@reviewflow/contract';
import type { ReviewerOutput } from './review/reviewer-output.js';

// The activity's meter already tags every value with namespace, task queue and activity type.

/** Counts chunks the current activity embedded; called per stored batch so a resumed retry adds only its own. */
export function recordChunksEmbedded(count: number, embedder: ComponentInfo): void {
  const { name, description } = ReviewMetric.chunksEmbedded;
  Context.current().metricMeter.createCounter(name, undefined, description).add(count, { embedder: embedder.name });
}

/**
 * Counts the findings of one reviewed chunk by severity and the model tokens it took. Every
 * severity and token kind is added, with 0 when there was none, so each series exists from the first
 * review on and dashboards show a flat zero instead of "no data".
 */
export function recordChunkReview(output: ReviewerOutput, reviewer: ComponentInfo): void {
  const meter = Context.current().metricMeter;
  const bySeverity = new Map<Severity, number>(severities.map((s) => [s, 0]));
  for (const finding of output.findings) bySeverity.set(finding.severity, (bySeverity.get(finding.severity) ?? 0) + 1);
  const findings = meter.createCounter(ReviewMetric.findings.name, undefined, ReviewMetric.findings.description);
  for (const [severity, count] of bySeverity) findings.add(count, { severity, reviewer: reviewer.name });
  const tokens = meter.createCounter(ReviewMetric.tokens.name, undefined, ReviewMetric.tokens.description);
  tokens.add(output.usage?.inputTokens ?? 0, { kind: 'input', reviewer: reviewer.name });
  tokens.add(output.usage?.outputTokens ?? 0, { kind: 'output', reviewer: reviewer.name });
}
