/**
 * The custom search attributes reviewflow's workflows upsert, with their Temporal types. Every
 * Temporal server reviewflow talks to must have them registered: dev servers get them at start
 * (`--search-attribute Name=Type`), real clusters through `temporal operator search-attribute create`.
 */
export const reviewSearchAttributes = {
  ReviewRepository: 'Keyword',
  ReviewStatus: 'Keyword',
} as const;

/** The `--search-attribute Name=Type` arguments of `temporal server start-dev` for {@link reviewSearchAttributes}. */
export function searchAttributeArgs(attributes: Readonly<Record<string, string>> = reviewSearchAttributes): string[] {
  return Object.entries(attributes).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]);
}
