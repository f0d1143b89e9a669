import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findProjectRoot, toolsNeededBy } from '@reviewflow/devkit';

const root = findProjectRoot();

test('a test needs the tools whose helpers it imports, directly or through a support module', () => {
  assert.deepEqual(toolsNeededBy(root, ['apps/api/test/browser/approval-link-page.test.ts']), ['chromium']);
  // helm-chart.test.ts reaches find-helm.ts through support/render-chart.ts.
  assert.deepEqual(toolsNeededBy(root, ['scripts/test/helm-chart.test.ts']), ['helm']);
  assert.deepEqual(toolsNeededBy(root, ['scripts/test/dockerfile.test.ts']), ['hadolint']);
});

test('a script a test spawns counts as imported', () => {
  assert.deepEqual(toolsNeededBy(root, ['scripts/test/observability/run-prometheus.test.ts']), [
    'prometheus',
    'promtool',
  ]);
});

test('tests that need no tool, and a mix, in a fixed order', () => {
  assert.deepEqual(toolsNeededBy(root, ['packages/devkit/test/free-port.test.ts']), []);
  assert.deepEqual(
    toolsNeededBy(root, ['scripts/test/dockerfile.test.ts', 'apps/api/test/codec/codec-web-ui-tokens.test.ts']),
    ['chromium', 'hadolint'],
  );
});
