import { HybridReviewer, LlmReviewer, reviewerOutputOf, type ChatModel } from '@reviewflow/activities';
import { severities, type Chunk, type Severity } from '@reviewflow/contract';
import { nowMs } from '../elapsed-ms.js';
import type { QualityCase } from './quality-set.js';

/** What one approach found on the labelled set. */
export interface QualityScore {
  approach: string;
  defects: number;
  /** Defects with a finding within ±1 line. */
  found: number;
  recall: number;
  /** Defects with a finding within ±1 line at severity medium or above. */
  foundMediumUp: number;
  recallMediumUp: number;
  findings: number;
  /** Findings within ±1 line of a defect. */
  truePositives: number;
  precision: number;
  findingsOnClean: number;
  /** Changes whose review failed (invalid output after retries): counted as no findings. */
  failures: number;
  seconds: number;
  perCase: Array<{ name: string; findings: Array<{ line: number; severity: string; message: string }> }>;
}

export interface QualityComparison {
  reviewflow: QualityScore;
  naive: QualityScore;
}

// Both approaches get the same answer bound; a few findings fit well inside it.
const qualityMaxOutputTokens = 512;

interface Found {
  line: number;
  severity: string;
  message: string;
}

/** The case as a one-hunk chunk of its file. */
export function chunkOf(c: QualityCase, index: number): Chunk {
  let oldLine = 1;
  const lines = c.lines.map((raw, i) => {
    const text = raw.slice(1);
    if (raw.startsWith('+')) return { kind: 'add' as const, text, newLine: i + 1 };
    return { kind: 'context' as const, text, newLine: i + 1, oldLine: oldLine++ };
  });
  const oldCount = lines.filter((l) => l.kind === 'context').length;
  return { id: `q${index}`, file: c.file, hunks: [{ header: `@@ -1,${oldCount} +1,${lines.length} @@`, lines }] };
}

// Line numbers in a gutter, as reviewflow shows chunks, so both approaches can name lines.
function diffText(chunk: Chunk): string {
  const out = [`--- a/${chunk.file}`, `+++ b/${chunk.file}`];
  for (const hunk of chunk.hunks) {
    out.push(hunk.header);
    for (const l of hunk.lines) out.push(`${l.kind === 'add' ? '+' : ' '}${String(l.newLine).padStart(4)} | ${l.text}`);
  }
  return out.join('\n');
}

const naiveSchema = {
  type: 'object',
  properties: {
    findings: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          line: { type: 'integer' },
          severity: { type: 'string', enum: [...severities] },
          message: { type: 'string' },
        },
        required: ['line', 'severity', 'message'],
      },
    },
  },
  required: ['findings'],
};

/** One prompt, a minimal schema, no system prompt, no post-processing: the baseline. */
async function naiveReview(model: ChatModel, chunk: Chunk): Promise<Found[]> {
  const completion = await model.complete({
    messages: [
      {
        role: 'user',
        content: `Review this diff, answer JSON {findings:[{line,severity,message}]}\n\n${diffText(chunk)}`,
      },
    ],
    jsonSchema: { name: 'findings', schema: naiveSchema },
    maxOutputTokens: qualityMaxOutputTokens,
  });
  const parsed = JSON.parse(completion.content) as { findings?: Found[] };
  return parsed.findings ?? [];
}

function score(
  approach: string,
  set: readonly QualityCase[],
  perCase: QualityScore['perCase'],
  failures: number,
  seconds: number,
): QualityScore {
  const atLeastMedium = (s: string) => severities.indexOf(s as Severity) >= severities.indexOf('medium');
  let found = 0;
  let foundMediumUp = 0;
  let findings = 0;
  let truePositives = 0;
  let findingsOnClean = 0;
  set.forEach((c, i) => {
    const fs = perCase[i]!.findings;
    findings += fs.length;
    if (c.defectLine === undefined) {
      findingsOnClean += fs.length;
      return;
    }
    const hits = fs.filter((f) => Math.abs(f.line - c.defectLine!) <= 1);
    truePositives += hits.length;
    if (hits.length > 0) found++;
    if (hits.some((f) => atLeastMedium(f.severity))) foundMediumUp++;
  });
  const defects = set.filter((c) => c.defectLine !== undefined).length;
  return {
    approach,
    defects,
    found,
    recall: found / defects,
    foundMediumUp,
    recallMediumUp: foundMediumUp / defects,
    findings,
    truePositives,
    precision: findings === 0 ? 0 : truePositives / findings,
    findingsOnClean,
    failures,
    seconds,
    perCase,
  };
}

/**
 * reviewflow's reviewer (rules beside the LLM reviewer) against the same model asked naively, case
 * by case, alternating which goes first.
 */
export async function measureQuality(
  model: ChatModel,
  set: readonly QualityCase[],
  log: (line: string) => void,
): Promise<QualityComparison> {
  // As worker-gpu ships it (createLocalReviewer): a second look at each finding, no re-asking.
  const reviewer = new HybridReviewer(
    new LlmReviewer(model, { maxOutputTokens: qualityMaxOutputTokens, secondLook: true, maxInvalidOutputRetries: 0 }),
  );
  const sides = {
    reviewflow: { perCase: [] as QualityScore['perCase'], failures: 0, ms: 0 },
    naive: { perCase: [] as QualityScore['perCase'], failures: 0, ms: 0 },
  };
  const run = {
    reviewflow: async (chunk: Chunk) =>
      reviewerOutputOf(await reviewer.review(chunk)).findings.map((f) => ({
        line: f.line,
        severity: f.severity,
        message: f.message,
      })),
    naive: (chunk: Chunk) => naiveReview(model, chunk),
  };
  for (const [i, c] of set.entries()) {
    const chunk = chunkOf(c, i);
    for (const side of i % 2 === 0 ? (['reviewflow', 'naive'] as const) : (['naive', 'reviewflow'] as const)) {
      const start = nowMs();
      let findings: Found[] = [];
      try {
        findings = await run[side](chunk);
      } catch (err) {
        sides[side].failures++;
        log(`quality ${side} on "${c.name}" failed: ${(err as Error).message}`);
      }
      sides[side].ms += nowMs() - start;
      sides[side].perCase.push({ name: c.name, findings });
    }
    log(
      `quality ${i + 1}/${set.length} ${c.name}: reviewflow ${sides.reviewflow.perCase.at(-1)!.findings.length}, naive ${sides.naive.perCase.at(-1)!.findings.length} findings`,
    );
  }
  return {
    reviewflow: score(
      'reviewflow HybridReviewer(LlmReviewer, second look)',
      set,
      sides.reviewflow.perCase,
      sides.reviewflow.failures,
      sides.reviewflow.ms / 1000,
    ),
    naive: score('naive prompt', set, sides.naive.perCase, sides.naive.failures, sides.naive.ms / 1000),
  };
}
