import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';

/** What a JWT must satisfy to be accepted (see {@link createJwtVerifier}). */
export interface JwtRequirements {
  issuer: string;
  audience: string;
  /** The issuer's signing keys, from configuration (no fetching at request time). */
  jwks: JSONWebKeySet;
  /** Asymmetric algorithms only: pinning them refuses `none` and HMAC-with-a-public-key tricks. */
  algorithms: readonly string[];
  /** Claims that must be present besides `exp`. */
  requiredClaims?: readonly string[];
}

/**
 * A verifier of bearer JWTs: signature against the configured keys, issuer, audience and expiry
 * (30 s of clock skew; a token without `exp` is refused). It resolves to the verified claims, or
 * `undefined` for any token it does not accept: callers answer 401 without saying why, so jose's
 * errors (which may quote claims) are never echoed or logged.
 */
export function createJwtVerifier(requirements: JwtRequirements): (token: string) => Promise<JWTPayload | undefined> {
  const keys = createLocalJWKSet(requirements.jwks);
  const options = {
    issuer: requirements.issuer,
    audience: requirements.audience,
    algorithms: [...requirements.algorithms],
    clockTolerance: 30,
    requiredClaims: ['exp', ...(requirements.requiredClaims ?? [])],
  };
  return async (token) => {
    try {
      return (await jwtVerify(token, keys, options)).payload;
    } catch {
      return undefined;
    }
  };
}
