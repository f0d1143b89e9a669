import type { PayloadCodec } from '@temporalio/common';
import type { CodecOidcSettings } from './codec-oidc-verifier.js';

/**
 * The remote codec endpoint (`POST /codec/decode`, `/codec/encode`), served only when payloads are
 * encrypted: the Temporal Web UI and CLI send it history payloads and show what comes back.
 */
export interface CodecEndpointSettings {
  /** The same codecs the API's Temporal client uses, applied in the same order. */
  codecs: readonly PayloadCodec[];
  /** Browser origins (the Web UI's, e.g. `https://temporal.example.com`) allowed to call it. */
  corsOrigins: readonly string[];
  /**
   * `api-key`: decode needs `history:read`, encode `admin`. `none`: no credential at all, for a
   * loopback-only development API (npm start), whose Web UI sends none; refused on other hosts.
   */
  auth: 'api-key' | 'none';
  /**
   * With `api-key`: also accept the access tokens of the Temporal Web UI's signed-in users, for
   * decoding only; none: API keys only.
   */
  oidc?: CodecOidcSettings;
}
