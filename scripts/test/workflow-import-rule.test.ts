import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

// Lints snippets as if they were workflow source files, with the project's own ESLint config.
async function lintAsWorkflow(code: string): Promise<string[]> {
  const eslint = new ESLint();
  const [result] = await eslint.lintText(code, { filePath: 'packages/workflows/src/workflows/example.ts' });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('the workflow import rule', () => {
  it('rejects Node built-ins in workflow code', async () => {
    assert.equal((await lintAsWorkflow("import { readFile } from 'node:fs/promises';\nvoid readFile;\n")).length, 1);
    assert.equal((await lintAsWorkflow("import { execFile } from 'child_process';\nvoid execFile;\n")).length, 1);
  });

  it('rejects activity code but allows activity types and the pure model', async () => {
    const value = await lintAsWorkflow(
      "import { createCpuActivities } from '@reviewflow/activities';\nvoid createCpuActivities;\n",
    );
    assert.equal(value.length, 1);
    assert.match(value[0]!, /activity types only/);
    assert.deepEqual(
      await lintAsWorkflow(
        "import type { CpuActivities } from '@reviewflow/activities';\nexport type A = CpuActivities;\n",
      ),
      [],
    );
    assert.deepEqual(
      await lintAsWorkflow("import { FailureType } from '@reviewflow/activities/model';\nvoid FailureType;\n"),
      [],
    );
  });

  it('leaves activity code free to use Node built-ins', async () => {
    const eslint = new ESLint();
    const [result] = await eslint.lintText("import { readFile } from 'node:fs/promises';\nvoid readFile;\n", {
      filePath: 'packages/activities/src/example.ts',
    });
    assert.equal(result?.messages.length, 0);
  });
});
