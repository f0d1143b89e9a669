import type { ComponentInfo } from '../model/component-info.js';

/** Turns texts into vectors of a fixed dimension. */
export interface Embedder {
  readonly info: ComponentInfo;
  readonly dimensions: number;
  embed(texts: string[]): Promise<number[][]>;
}
