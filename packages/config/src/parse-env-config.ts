import type { Static, TObject } from 'typebox';
import Value from 'typebox/value';

/** Thrown at boot when the environment does not satisfy a deployable's config schema. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates environment variables against a deployable's config schema, whose property names are
 * the variable names: defaults are applied, numbers and booleans converted from their text, and
 * unknown variables ignored. Every problem is reported at once, so a bad deployment fails at boot
 * with the whole list instead of one error at a time.
 */
export function parseEnvConfig<S extends TObject>(schema: S, env: Record<string, string | undefined>): Static<S> {
  const known: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const value = env[key];
    // An empty variable means "not set", as in most shells' `VAR= cmd`.
    if (value !== undefined && value !== '') known[key] = value;
  }
  const value = Value.Convert(schema, Value.Default(schema, known));
  if (Value.Check(schema, value)) return value;
  const problems = [...Value.Errors(schema, value)].map((e) => {
    const name = e.instancePath.replace(/^\//, '') || Object.keys(e.params ?? {}).join(',');
    return `${name || '(root)'}: ${e.message}`;
  });
  throw new ConfigError(problems);
}
