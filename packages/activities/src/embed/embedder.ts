import type { ComponentInfo } from '@reviewflow/contract';

/** Turns texts into vectors of a fixed dimension. */
export interface Embedder {
  readonly info: ComponentInfo;
  readonly dimensions: number;
  /** What computes the vectors (`onnxruntime-cuda`, `openai-compatible`, ...), stored with every vector. */
  readonly provider?: string;
  /** `signal` is the activity's cancellation, for embedders that wait on a server. */
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
}
