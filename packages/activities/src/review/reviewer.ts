import type { Chunk } from '../model/changeset.js';
import type { ComponentInfo } from '../model/component-info.js';
import type { Finding } from '../model/finding.js';
import type { ReviewerOutput } from './reviewer-output.js';

/** Reviews one chunk of a diff. Findings must name added lines of the chunk only. */
export interface Reviewer {
  readonly info: ComponentInfo;
  /** The findings, or findings plus the token usage a model reported (it feeds the tokens metric). */
  review(chunk: Chunk): Promise<Finding[] | ReviewerOutput>;
}
