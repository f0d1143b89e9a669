import { privateKeyBlockStart, secretValuesOn } from '../review/rules/secret-rules.js';
import { sourceLanguageOf } from '../review/source-language.js';

/** What replaces a credential value: says what was there without any of its characters. */
export const redactedValue = '[REDACTED]';

const privateKeyBlockEnd = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

/** Text with its credential values replaced, and how many were replaced. */
export interface RedactedText {
  text: string;
  redactions: number;
}

/**
 * Replaces the values of credentials in `text` (lines of the file `file`) before it leaves for a
 * model. Detection is the offline reviewer's secret rules ({@link secretValuesOn}), so names stay
 * (`DB_PASSWORD = "[REDACTED]"`) and the model can still say that a credential is hard-coded, and
 * the body of a private key block is replaced line by line. Line count and order never change, so
 * line numbers shown to a model stay right.
 */
export function redactSecrets(text: string, file: string): RedactedText {
  const language = sourceLanguageOf(file);
  let redactions = 0;
  let inPrivateKey = false;
  const lines = text.split('\n').map((line) => {
    if (inPrivateKey) {
      if (privateKeyBlockEnd.test(line)) {
        inPrivateKey = false;
        return line;
      }
      redactions++;
      // Keep the gutter a model sees (`+   12 | `) and indentation: only the key material goes.
      const gutter = /^(?:[+ -]\s*\d*\s*\| )?\s*/.exec(line)?.[0] ?? '';
      return gutter + redactedValue;
    }
    if (privateKeyBlockStart.test(line) && !privateKeyBlockEnd.test(line)) inPrivateKey = true;
    let out = line;
    // Longest first, so a value that contains another is replaced whole.
    for (const value of secretValuesOn(line, language).sort((a, b) => b.length - a.length)) {
      const parts = out.split(value);
      if (parts.length === 1) continue;
      redactions += parts.length - 1;
      out = parts.join(redactedValue);
    }
    return out;
  });
  return { text: lines.join('\n'), redactions };
}
