/**
 * Who among the Web UI's signed-in users may read decrypted history: a token claim and the values
 * that grant it, written `claim=value[,value...]` (`groups=reviewflow-admins`,
 * `email=ana@example.com,bo@example.com`). The claim name is taken literally (top-level, so
 * namespaced claims such as `https://example.com/roles` work); values match exactly.
 */
export interface AllowedClaim {
  claim: string;
  values: readonly string[];
}

// The claim name has no `=`, `,` or white space; values have no `,`.
export const allowedClaimPattern = '^[^=,\\s]+=[^,]+(,[^,]+)*$';

/** The rule written in REVIEWFLOW_CODEC_OIDC_ALLOWED; throws on a malformed one. */
export function parseAllowedClaim(text: string): AllowedClaim {
  if (!new RegExp(allowedClaimPattern).test(text)) {
    throw new Error('REVIEWFLOW_CODEC_OIDC_ALLOWED: expected claim=value[,value...], e.g. groups=reviewflow-admins');
  }
  const at = text.indexOf('=');
  return { claim: text.slice(0, at), values: text.slice(at + 1).split(',') };
}

/**
 * Whether verified claims satisfy the rule: the claim is one of the values, or a list holding one.
 * An `email` claim counts only when the issuer has not marked it unverified.
 */
export function claimAllows(rule: AllowedClaim, claims: Record<string, unknown>): boolean {
  if (rule.claim === 'email' && claims.email_verified === false) return false;
  const value = claims[rule.claim];
  const held = Array.isArray(value) ? value : [value];
  return held.some((v) => typeof v === 'string' && rule.values.includes(v));
}
