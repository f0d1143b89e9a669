import { parse } from 'yaml';
import { ReviewConfigError } from './review-config-error.js';

/** What a repository may say about its own reviews in `.reviewflow.yml` at the head revision. */
export interface RepoReviewConfig {
  include?: string[];
  exclude?: string[];
}

const knownKeys = new Set(['include', 'exclude']);
const maxGlobs = 200;

/**
 * Parses the text of a `.reviewflow.yml`:
 *
 * ```yaml
 * include: ["src/**"]
 * exclude: ["**\/*.snap", "docs/**"]
 * ```
 *
 * Unknown keys and wrong types are refused rather than ignored, so a misspelt `exlude:` does not
 * quietly review what the repository meant to leave out.
 */
export function parseRepoReviewConfig(text: string): RepoReviewConfig {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 10 });
  } catch (cause) {
    throw new ReviewConfigError(`.reviewflow.yml is not valid YAML: ${(cause as Error).message.split('\n')[0]}`, {
      cause,
    });
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ReviewConfigError('.reviewflow.yml must be a mapping');
  const config: RepoReviewConfig = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!knownKeys.has(key))
      throw new ReviewConfigError(`.reviewflow.yml has an unknown key "${key}" (known: include, exclude)`);
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || !list.every((g) => typeof g === 'string' && g !== '') || list.length > maxGlobs) {
      throw new ReviewConfigError(`.reviewflow.yml: "${key}" must be a glob or a list of at most ${maxGlobs} globs`);
    }
    config[key as keyof RepoReviewConfig] = list as string[];
  }
  return config;
}
