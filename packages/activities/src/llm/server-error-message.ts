/**
 * The message in an OpenAI-compatible server's error body, whitespace collapsed: OpenAI's
 * `{"error":{"message"}}`, a bare `{"error":"..."}` (TGI), FastAPI's `{"detail": ...}` (string or
 * validation list), a top-level `message`, or else the raw text. It helps operators and decides
 * whether a refusal is about the response format; an error body holds no prompt and no key.
 */
export function serverErrorMessage(text: string): string {
  let message = text;
  try {
    const parsed = JSON.parse(text) as { error?: unknown; message?: unknown; detail?: unknown };
    const error = parsed.error as { message?: unknown } | string | undefined;
    const candidate =
      typeof error === 'string'
        ? error
        : typeof error?.message === 'string'
          ? error.message
          : typeof parsed.message === 'string'
            ? parsed.message
            : describeDetail(parsed.detail);
    if (candidate !== undefined) message = candidate;
  } catch {
    // Not JSON: the raw text is the best there is.
  }
  return message.replace(/\s+/g, ' ').trim();
}

function describeDetail(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail;
  if (!Array.isArray(detail)) return undefined;
  // FastAPI validation errors: [{ loc: ['body', 'response_format', 'type'], msg: "..." }, ...]
  return detail
    .map((item: { loc?: unknown; msg?: unknown }) =>
      [Array.isArray(item.loc) ? item.loc.join('.') : undefined, typeof item.msg === 'string' ? item.msg : undefined]
        .filter((part) => part !== undefined)
        .join(': '),
    )
    .join('; ');
}
