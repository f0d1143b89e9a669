import type { Payload } from '@temporalio/common';
import { Type, type Static } from 'typebox';

// Standard base64 as proto3 JSON writes bytes; the Web UI and the CLI send and expect this form.
const base64 = { pattern: '^[A-Za-z0-9+/]*={0,2}$', maxLength: 8 * 1024 * 1024 };

/** One payload in the proto3 JSON form of the remote codec protocol: every bytes field base64. */
export const PayloadJsonSchema = Type.Object(
  {
    metadata: Type.Optional(
      Type.Record(Type.String({ maxLength: 256 }), Type.String({ ...base64, maxLength: 64 * 1024 }), {
        description: 'Metadata values, base64 (`encoding`: `binary/encrypted` when encrypted)',
      }),
    ),
    data: Type.Optional(Type.String({ ...base64, description: 'The payload bytes, base64' })),
  },
  { additionalProperties: false },
);

/** The body of every codec request and response. */
export const PayloadsJsonSchema = Type.Object(
  { payloads: Type.Array(PayloadJsonSchema, { maxItems: 1000 }) },
  { additionalProperties: false },
);
export type PayloadsJson = Static<typeof PayloadsJsonSchema>;

/** Payloads from their JSON form. */
export function payloadsFromJson(body: PayloadsJson): Payload[] {
  return body.payloads.map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data ?? '', 'base64'),
  }));
}

/** Payloads in their JSON form. */
export function payloadsToJson(payloads: readonly Payload[]): PayloadsJson {
  return {
    payloads: payloads.map((p) => ({
      metadata: Object.fromEntries(
        Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
      ),
      data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
    })),
  };
}
