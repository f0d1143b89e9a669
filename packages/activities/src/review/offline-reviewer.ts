import type { Chunk, ComponentInfo, Finding } from '@reviewflow/contract';
import { offlineRules } from './offline-rules.js';
import { reviewAddedLines, type AddedLine } from './review-added-lines.js';
import type { ReviewRule } from './review-rule.js';
import type { Reviewer } from './reviewer.js';

/**
 * The offline default reviewer: line rules over the added lines of a chunk, with no model and no
 * network, so a review always completes and gives the same findings for the same diff. Context and
 * deleted lines are never reviewed: findings must point at lines this change adds.
 */
export class OfflineReviewer implements Reviewer {
  readonly info: ComponentInfo = {
    name: 'reviewflow-offline-rules',
    offline: true,
    description:
      'reviewflow offline default: rule-based reviewer (secrets, debug leftovers, disabled TLS, dynamic code execution, shell commands built from strings, TODO/FIXME markers), no model',
  };

  /** @param rules the rules to run; the full offline set unless a caller narrows it. */
  constructor(private readonly rules: readonly ReviewRule[] = offlineRules) {}

  async review(chunk: Chunk): Promise<Finding[]> {
    const added: AddedLine[] = [];
    for (const hunk of chunk.hunks) {
      for (const line of hunk.lines) {
        if (line.kind === 'add' && line.newLine !== undefined) added.push({ line: line.newLine, text: line.text });
      }
    }
    return reviewAddedLines(chunk.file, added, this.rules);
  }
}
