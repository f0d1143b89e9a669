// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltinMessage = 'Node built-ins are not deterministic: use an activity.';
const nodeBuiltinPaths = builtinModules.map((name) => ({ name, message: nodeBuiltinMessage }));
const nodeBuiltinPattern = { group: ['node:*'], message: nodeBuiltinMessage };

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '.tools/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // One concept per file: a source file past 250 lines holds more than one (generated files aside).
    files: ['apps/*/src/**/*.ts', 'packages/*/src/**/*.ts'],
    ignores: ['apps/cli/src/generated/**'],
    rules: { 'max-lines': ['error', { max: 250 }] },
  },
  {
    files: ['**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins (I/O, clocks,
    // randomness outside the SDK), and activity code only as types, called through proxyActivities.
    // At run time it imports the SDK and @reviewflow/contract.
    files: ['packages/workflows/src/**/*.ts'],
    // Not workflow code: tells workers where the bundle comes from.
    ignores: ['packages/workflows/src/workflow-bundle-source.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltinPaths,
            {
              name: '@reviewflow/activities',
              allowTypeImports: true,
              message: 'Workflows import activity types only; call activities through proxyActivities.',
            },
          ],
          patterns: [
            nodeBuiltinPattern,
            {
              group: ['@reviewflow/activities/*'],
              allowTypeImports: true,
              message: 'Workflows import activity types only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The contract is bundled into the workflows and imported by the API: no Node built-ins (the one
    // module that needs node:crypto, approval-link-token, says so where it imports it and is never
    // imported by workflow code) and no other reviewflow package, so it depends on nothing of ours.
    files: ['packages/contract/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinPaths,
          patterns: [
            nodeBuiltinPattern,
            { group: ['@reviewflow/*'], message: 'The contract depends on no other reviewflow package.' },
          ],
        },
      ],
    },
  },
  {
    // The CLI runs from source on a clean clone and talks HTTP only: the API's types come from the
    // file generated from openapi.yaml, as types; no workspace package and not the generator itself.
    files: ['apps/cli/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'openapi-typescript', message: 'A dev dependency: the CLI imports only its generated types.' },
          ],
          patterns: [
            {
              group: ['@reviewflow/*'],
              message: 'The CLI talks HTTP only; its API types are generated from openapi.yaml.',
            },
            {
              group: ['**/generated/openapi.js'],
              allowTypeImports: true,
              message: 'The generated file holds types only.',
            },
          ],
        },
      ],
    },
  },
);
