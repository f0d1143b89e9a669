const rules = new Intl.PluralRules('en');

/** `1 file`, `2 files`, `0 findings`: a count with its noun in the right number. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en')} ${rules.select(count) === 'one' ? singular : plural}`;
}
