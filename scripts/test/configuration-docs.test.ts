import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ApiConfigSchema } from '@reviewflow/api/config';
import { CpuWorkerConfigSchema } from '@reviewflow/worker-cpu';
import { GpuWorkerConfigSchema } from '@reviewflow/worker-gpu';
import { renderConfigurationDocs } from '../configuration-docs/render-configuration-docs.js';

const committed = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');

describe('docs/configuration.md', () => {
  it('is what `npm run config-docs` renders from the config schemas today', () => {
    assert.equal(committed, renderConfigurationDocs(), 'stale: run `npm run config-docs` and commit the result');
  });

  it('documents every variable of every deployable, with its default, in its own or the shared section', () => {
    const section = (title: string) => committed.split('\n## ').find((part) => part.startsWith(`${title}\n`)) ?? '';
    const deployables = {
      api: ApiConfigSchema,
      'worker-cpu': CpuWorkerConfigSchema,
      'worker-gpu': GpuWorkerConfigSchema,
    };
    for (const [name, schema] of Object.entries(deployables)) {
      const rows = `${section('Every deployable')}\n${section(name)}`.split('\n');
      for (const [key, property] of Object.entries(schema.properties as Record<string, { default?: unknown }>)) {
        const line = rows.find((l) => l.startsWith(`| \`${key}\` |`));
        assert.ok(line, `${name}: ${key} is documented`);
        if (property.default !== undefined) {
          assert.ok(line.includes(`\`${String(property.default)}\``), `${name}: ${key} default`);
        }
      }
    }
  });
});
