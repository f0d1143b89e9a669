/**
 * Keeps large payloads (changesets, chunks, vectors, results) out of workflow history. Keys are
 * deterministic (derived from the review id), and `put` never overwrites: a retried activity that
 * stores the same key again finds the first write and returns its reference, so each artifact is
 * written exactly once.
 */
export interface ArtifactStore {
  /** Stores `value` under `key` unless the key exists; returns the reference and whether this call wrote it. */
  put(key: string, value: unknown): Promise<{ ref: string; created: boolean }>;
  /** Reads an artifact; throws {@link ArtifactNotFoundError} when it does not exist. */
  get<T>(ref: string): Promise<T>;
  has(ref: string): Promise<boolean>;
  /** The reference an artifact stored under `key` has (whether or not it exists yet). */
  ref(key: string): string;
}

export class ArtifactNotFoundError extends Error {
  constructor(readonly ref: string) {
    super(`artifact ${ref} does not exist`);
    this.name = 'ArtifactNotFoundError';
  }
}
