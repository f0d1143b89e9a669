import type { GitSource } from '@reviewflow/contract';

/** Hands out each review source once, so every start in the benchmark is a new review. */
export class SourcePool {
  private next = 0;
  constructor(private readonly sources: readonly GitSource[]) {}

  take(): GitSource {
    const source = this.sources[this.next++];
    if (source === undefined)
      throw new Error(`all ${this.sources.length} review sources are used; raise the commit count`);
    return source;
  }

  get used(): number {
    return this.next;
  }
}
