import fc from 'fast-check';

/** The JSON-schema keywords the API's documented request schemas use. */
export interface JsonSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  maxItems?: number;
}

const defaultMaxLength = 60;

/**
 * Values that a documented schema allows, for checking that the API accepts what its OpenAPI
 * document says it does. `resolve` looks up `$ref`s in the document. Throws on a keyword it does
 * not know, so a new kind of schema is noticed rather than silently sampled wrong.
 */
export function arbitraryOf(schema: JsonSchema, resolve: (ref: string) => JsonSchema): fc.Arbitrary<unknown> {
  if (schema.$ref !== undefined) return arbitraryOf(resolve(schema.$ref), resolve);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  if (schema.anyOf !== undefined) return fc.oneof(...schema.anyOf.map((s) => arbitraryOf(s, resolve)));
  switch (schema.type) {
    case 'string': {
      const minLength = schema.minLength ?? 0;
      const maxLength = schema.maxLength ?? Math.max(defaultMaxLength, minLength);
      // `^[class]+$`: one character of the class at a time, as long as asked (filtering
      // stringMatching's mostly short strings by length would hardly ever pass a long minimum).
      const repeated = schema.pattern === undefined ? undefined : /^\^(\[[^\]]+\])\+\$$/.exec(schema.pattern);
      if (schema.pattern === undefined || repeated) {
        const unit = repeated ? fc.stringMatching(new RegExp(`^${repeated[1]}$`)) : undefined;
        const low = repeated ? Math.max(minLength, 1) : minLength;
        const typical = fc.string({ ...(unit ? { unit } : {}), minLength: low, maxLength: Math.min(maxLength, 300) });
        if (schema.maxLength === undefined) return typical;
        // The longest documented value too: where limits of the schema and the router part.
        const longest = fc.string({ ...(unit ? { unit } : {}), minLength: maxLength, maxLength });
        return fc.oneof(typical, longest);
      }
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length >= minLength && s.length <= maxLength);
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(arbitraryOf(schema.items ?? {}, resolve), { maxLength: Math.min(schema.maxItems ?? 5, 5) });
    case 'object': {
      const properties = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, value]) => [key, arbitraryOf(value, resolve)]),
      );
      return fc.record(properties, { requiredKeys: schema.required ?? [] });
    }
    default:
      throw new Error(`arbitraryOf: no generator for ${JSON.stringify(schema)}`);
  }
}
