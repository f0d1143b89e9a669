import type { Chunk } from '../model/changeset.js';
import type { ComponentInfo } from '../model/component-info.js';
import type { Finding } from '../model/finding.js';

/** Reviews one chunk of a diff. Findings must name added lines of the chunk only. */
export interface Reviewer {
  readonly info: ComponentInfo;
  review(chunk: Chunk): Promise<Finding[]>;
}
