import { createHmac } from 'node:crypto';

/**
 * The `x-reviewflow-signature` of a webhook delivery: `v1=` + hex HMAC-SHA256 over
 * `<timestamp>.<raw body>` with the shared secret. A receiver recomputes it over the bytes it got,
 * compares in constant time, and refuses timestamps older than a few minutes (replays).
 */
export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
