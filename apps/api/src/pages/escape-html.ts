const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for HTML, in element content and in quoted attribute values alike. Everything a page takes
 * from a review (paths, messages, code, names) goes through this: a finding is attacker-controlled
 * text (it quotes the change under review).
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => entities[c] ?? c);
}
