// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
    files: ['packages/workflows/src/**/*.ts'],
    // Not workflow code: tells workers where the bundle comes from.
    ignores: ['packages/workflows/src/workflow-bundle-source.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...builtinModules.map((name) => ({
              name,
              message: 'Node built-ins are not deterministic: use an activity.',
            })),
            {
              name: '@reviewflow/activities',
              allowTypeImports: true,
              message: 'Workflows import activity types only; call activities through proxyActivities.',
            },
          ],
          patterns: [
            { group: ['node:*'], message: 'Node built-ins are not deterministic: use an activity.' },
            {
              group: ['@reviewflow/activities/*', '!@reviewflow/activities/model'],
              allowTypeImports: true,
              message: 'Workflows import activity types only.',
            },
          ],
        },
      ],
    },
  },
);
