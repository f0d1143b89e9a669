/**
 * How severe a finding is, by what happens if the change ships: one line per severity, shared by the
 * review prompt and the second look so both calls rate on the same scale.
 */
export const severityRubric: readonly string[] = [
  '- critical: an attacker can exploit it from outside, or data is lost or corrupted.',
  '- high: SQL, shell or code injection from input; missing authentication or authorization; a hard-coded secret; a crash or wrong result on ordinary input (an off-by-one in a loop bound, a missing await whose result is used, a null dereference).',
  '- medium: a wrong result on edge cases, a leaked resource, an error that is swallowed, work that grows badly with input size.',
  '- low: a small, real problem that is unlikely to matter.',
];
