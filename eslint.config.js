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
);
