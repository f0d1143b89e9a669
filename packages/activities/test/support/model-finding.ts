/** A valid finding as a model would answer it, on `src/app.js` at `line`, with `extra` on top. */
export const modelFinding = (line: number, extra: Record<string, unknown> = {}) => ({
  file: 'src/app.js',
  line,
  severity: 'high',
  category: 'security',
  message: 'm',
  suggestion: null,
  ...extra,
});
