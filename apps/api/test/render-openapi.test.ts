import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderOpenApiYaml } from '../src/render-openapi.js';

describe('openapi.yaml', () => {
  it('matches the route schemas (run `npm run openapi` after changing a route)', async () => {
    const committed = readFileSync(new URL('../../../openapi.yaml', import.meta.url), 'utf8');
    const generated = await renderOpenApiYaml();
    assert.equal(committed, generated, 'openapi.yaml is stale: run `npm run openapi`');
  });

  it('documents every route of the HTTP contract with its problem responses', async () => {
    const yaml = await renderOpenApiYaml();
    for (const operation of [
      'startReview',
      'listReviews',
      'getReview',
      'decideApproval',
      'cancelReview',
      'healthz',
      'readyz',
      'metrics',
    ]) {
      assert.match(yaml, new RegExp(`operationId: ${operation}\\b`));
    }
    assert.match(yaml, /Problem:/);
    assert.match(yaml, /bearerAuth/);
  });
});
