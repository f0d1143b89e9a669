import { escapeHtml } from './escape-html.js';
import { pageStylesheetPath } from './page-stylesheet.js';

/** What a page consists of; everything but `body` is plain text, escaped here. */
export interface PageParts {
  title: string;
  /** Trusted HTML, built from escaped parts. */
  body: string;
  /** Same-origin script paths (never inline: the pages' CSP allows `script-src 'self'` at most). */
  scripts?: string[];
  /** Skip links to the page's landmarks, first in the focus order: `[targetId, text]`. */
  skipLinks?: [string, string][];
}

/** The document around a page: language, viewport, the one stylesheet, skip links and a `main`. */
export function renderPage(parts: PageParts): string {
  const skips = [['main', 'Skip to content'], ...(parts.skipLinks ?? [])]
    .map(([id, text]) => `<a class="skip" href="#${escapeHtml(id)}">${escapeHtml(text)}</a>`)
    .join('');
  const scripts = (parts.scripts ?? []).map((src) => `<script src="${escapeHtml(src)}" defer></script>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(parts.title)}</title>
<link rel="stylesheet" href="${pageStylesheetPath}">${scripts}
</head><body>
${skips}
<header class="top"><p>reviewflow</p></header>
<main id="main" tabindex="-1">
${parts.body}
</main>
</body></html>
`;
}
