import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const region = '//#region src/json-schema/sarif-schema-2.1.0.json';

/**
 * The official SARIF 2.1.0 JSON schema (OASIS, `$id` .../sarif-spec/.../sarif-schema-2.1.0.json).
 *
 * No npm package ships the final 2.1.0 schema as a JSON file (@microsoft/jest-sarif has only the
 * pre-release rtm.5), so it is read from @datadog/datadog-ci-plugin-sarif, pinned exactly, whose
 * bundle embeds the schema file verbatim as an object literal in a region of its own. Evaluating
 * that literal is safe: it is data from a pinned, integrity-checked package, and the checks below
 * fail loudly if a release ever changes its shape.
 */
export function loadSarifSchema(): Record<string, unknown> {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@datadog/datadog-ci-plugin-sarif/package.json');
  const bundle = readFileSync(path.join(path.dirname(pkg), 'dist/bundle.js'), 'utf8');
  const start = bundle.indexOf(region);
  if (start < 0) throw new Error(`${pkg}: no embedded SARIF schema region`);
  const open = bundle.indexOf('var sarif_schema_2_1_0_default = {', start);
  if (open < 0) throw new Error(`${pkg}: the SARIF schema region has an unexpected shape`);
  const from = bundle.indexOf('{', open);
  const to = bundle.indexOf('\n};\n', from);
  const schema = new Function(`return (${bundle.slice(from, to + 2)});`)() as Record<string, unknown>;
  if (
    schema.$id !== 'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json' ||
    schema.$schema !== 'http://json-schema.org/draft-07/schema#'
  ) {
    throw new Error(`${pkg}: the embedded schema is not the SARIF 2.1.0 schema`);
  }
  return schema;
}

/** An Ajv validator for SARIF 2.1.0 logs, formats (uri, date-time) included. */
export function sarifValidator(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
  const mod = addFormatsModule as unknown as { default?: (ajv: Ajv) => Ajv };
  const addFormats = mod.default ?? (addFormatsModule as unknown as (ajv: Ajv) => Ajv);
  addFormats(ajv);
  return ajv.compile(loadSarifSchema());
}
