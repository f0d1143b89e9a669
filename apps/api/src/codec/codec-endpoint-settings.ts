import type { PayloadCodec } from '@temporalio/common';

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
}
