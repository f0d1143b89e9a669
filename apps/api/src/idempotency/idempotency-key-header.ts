import { Type } from 'typebox';

/**
 * The `Idempotency-Key` request header of the starting routes: 1–255 visible ASCII characters, as in
 * the IETF httpapi draft (a UUID is typical). Fastify lower-cases header names.
 */
export const IdempotencyKeyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: '^[\\x21-\\x7e]+$',
      description:
        'Makes retries safe: the same key with the same body returns the first response; with a different body, 422',
    }),
  ),
});
