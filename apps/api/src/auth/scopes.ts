/**
 * What an API key may do. Each route names the one scope it needs in its OpenAPI `security`
 * (see api-key-auth.ts); `admin` stands for all of them. `history:read` decrypts history
 * payloads through the codec endpoint (the Temporal Web UI): plaintext of every review, so its own.
 */
export const scopes = [
  'reviews:read',
  'reviews:write',
  'approvals:write',
  'metrics:read',
  'history:read',
  'admin',
] as const;
export type Scope = (typeof scopes)[number];

/** Whether `value` names a scope. */
export function isScope(value: string): value is Scope {
  return (scopes as readonly string[]).includes(value);
}

/** Whether a caller holding `held` may use a route that needs `needed`. */
export function grants(held: readonly Scope[], needed: Scope): boolean {
  return held.includes('admin') || held.includes(needed);
}
