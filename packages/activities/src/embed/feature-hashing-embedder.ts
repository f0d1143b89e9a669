import type { ComponentInfo } from '@reviewflow/contract';
import type { Embedder } from './embedder.js';

// Identifiers, numbers, common multi-character operators, then any other single symbol.
const tokenPattern =
  /[\p{L}_$][\p{L}\p{N}_$]*|\p{N}[\p{N}_.]*|===|!==|\*\*|\.\.\.|=>|->|::|==|!=|<=|>=|&&|\|\||\?\?|\?\.|\+\+|--|[+\-*/%&|^]=|<<|>>|[^\s\p{L}\p{N}_$]/gu;
const identifierStart = /^[\p{L}_$]/u;
// camelCase, PascalCase, ACRONYMWord, snake_case and digit runs all become separate words.
const wordPattern = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lo}+|\p{N}+/gu;

// Feature kinds are prefixes so a word, a whole identifier and a trigram never share a bucket by
// construction; operators and trigrams are frequent and weakly topical, so they count for less.
const kindWeights: Record<string, number> = { w: 1, i: 1, o: 0.5, t: 0.5 };

/**
 * The offline default embedder for code: signed feature hashing of code tokens, no model and no
 * network. Identifiers are split into lower-cased words (camelCase, snake_case, digits) and also
 * hashed whole and as character trigrams; keywords, numbers and operators are tokens too. Each
 * feature adds `(1 + ln tf) × weight` to one of `dimensions` buckets with a hash-chosen sign, which
 * keeps collisions unbiased, and vectors are L2-normalised so cosine similarity is a dot product.
 */
export class FeatureHashingEmbedder implements Embedder {
  readonly dimensions: number;
  readonly info: ComponentInfo;

  constructor(options: { dimensions?: number } = {}) {
    const dimensions = options.dimensions ?? 256;
    if (!Number.isInteger(dimensions) || dimensions < 1) {
      throw new RangeError(`dimensions must be a positive integer, got ${dimensions}`);
    }
    this.dimensions = dimensions;
    this.info = {
      name: `feature-hashing-${dimensions}`,
      offline: true,
      description: 'reviewflow offline default: feature-hashing code embeddings, no model',
    };
  }

  async embed(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embedOne(text));
  }

  private embedOne(text: string): number[] {
    const vector = new Array<number>(this.dimensions).fill(0);
    for (const [feature, count] of countFeatures(text)) {
      const hash = hash32(feature);
      const index = (hash & 0x7fffffff) % this.dimensions;
      const sign = hash >>> 31 === 1 ? -1 : 1;
      const weight = (1 + Math.log(count)) * (kindWeights[feature[0] ?? ''] ?? 1);
      vector[index] = (vector[index] ?? 0) + sign * weight;
    }
    let squares = 0;
    for (const value of vector) squares += value * value;
    const norm = Math.sqrt(squares);
    return norm === 0 ? vector : vector.map((value) => value / norm);
  }
}

function countFeatures(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (feature: string) => counts.set(feature, (counts.get(feature) ?? 0) + 1);
  for (const [token] of text.matchAll(tokenPattern)) {
    if (!identifierStart.test(token) && !/^\p{N}/u.test(token)) {
      add(`o:${token}`);
      continue;
    }
    const words = (token.match(wordPattern) ?? []).map((word) => word.toLowerCase());
    if (words.length > 1) add(`i:${token.toLowerCase()}`);
    for (const word of words) {
      add(`w:${word}`);
      const padded = `^${word}$`;
      for (let i = 0; i + 3 <= padded.length; i++) add(`t:${padded.slice(i, i + 3)}`);
    }
  }
  return counts;
}

/** FNV-1a over UTF-16 code units, then murmur3's finaliser so high and low bits both mix well. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
