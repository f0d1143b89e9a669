import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

// Lints snippets as if they were source files at `filePath`, with the project's own ESLint config.
async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const eslint = new ESLint();
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}
const lintAsWorkflow = (code: string) => restrictedImports(code, 'packages/workflows/src/workflows/example.ts');
const lintAsContract = (code: string) => restrictedImports(code, 'packages/contract/src/example.ts');

describe('the workflow import rule', () => {
  it('rejects Node built-ins in workflow code', async () => {
    assert.equal((await lintAsWorkflow("import { readFile } from 'node:fs/promises';\nvoid readFile;\n")).length, 1);
    assert.equal((await lintAsWorkflow("import { execFile } from 'child_process';\nvoid execFile;\n")).length, 1);
  });

  it('rejects activity code, its subpaths included, but allows activity types', async () => {
    for (const from of ['@reviewflow/activities', '@reviewflow/activities/model']) {
      const value = await lintAsWorkflow(`import { FailureType } from '${from}';\nvoid FailureType;\n`);
      assert.equal(value.length, 1, `a value import from ${from}`);
      assert.match(value[0]!, /activity types only/);
    }
    assert.deepEqual(
      await lintAsWorkflow(
        "import type { CpuActivities } from '@reviewflow/activities';\nexport type A = CpuActivities;\n",
      ),
      [],
    );
  });

  it('allows the contract at run time', async () => {
    assert.deepEqual(
      await lintAsWorkflow(
        "import { FailureType, TaskQueue } from '@reviewflow/contract';\nvoid [FailureType, TaskQueue];\n",
      ),
      [],
    );
  });

  it('keeps the contract free of Node built-ins and of every other reviewflow package', async () => {
    assert.equal((await lintAsContract("import { readFile } from 'node:fs/promises';\nvoid readFile;\n")).length, 1);
    for (const code of [
      "import type { CpuActivities } from '@reviewflow/activities';\nexport type A = CpuActivities;\n",
      "import { parseEnvConfig } from '@reviewflow/config';\nvoid parseEnvConfig;\n",
    ]) {
      const messages = await lintAsContract(code);
      assert.equal(messages.length, 1, code);
      assert.match(messages[0]!, /no other reviewflow package/);
    }
    assert.deepEqual(
      await lintAsContract("import { defineQuery } from '@temporalio/workflow';\nvoid defineQuery;\n"),
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
