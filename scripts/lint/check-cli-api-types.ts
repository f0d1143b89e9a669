// `npm run lint` runs this: the CLI's API types (apps/cli/src/generated/openapi.ts) must be what
// openapi-typescript makes of openapi.yaml today, so a change of the API's contract reaches the CLI's
// type check instead of drifting past it. With --write (`npm run cli-api-types`) it rewrites them.
// The file is committed rather than generated at install time: the CLI runs from source with tsx on
// a fresh clone, and openapi-typescript is only a devDependency.
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';

const root = new URL('../../', import.meta.url);
const source = new URL('openapi.yaml', root);
const target = new URL('apps/cli/src/generated/openapi.ts', root);
const targetPath = fileURLToPath(target);
const shownTarget = relative(fileURLToPath(root), targetPath);
const command = 'npm run cli-api-types';

const header = `/**
 * The reviewflow HTTP API's types, generated from openapi.yaml by \`${command}\`
 * (openapi-typescript, then prettier). Do not edit: regenerate after \`npm run openapi\`.
 * \`npm run lint\` fails while this file differs from what openapi.yaml generates.
 */

`;

// Formatted with the repository's prettier settings so the file passes `prettier --check .` like
// any other, instead of being declared an exception.
const generated = await prettier.format(`${header}${astToString(await openapiTS(source))}`, {
  ...(await prettier.resolveConfig(targetPath)),
  filepath: targetPath,
});

if (process.argv.includes('--write')) {
  await writeFile(target, generated);
  console.log(`cli-api-types: wrote ${shownTarget}`);
} else {
  const committed = await readFile(target, 'utf8').catch(() => undefined);
  if (committed !== generated) {
    const why =
      committed === undefined
        ? 'is missing'
        : `differs from what openapi.yaml generates (first at line ${firstDifferentLine(committed, generated)})`;
    console.error(`cli-api-types: ${shownTarget} ${why}: run \`${command}\` and commit the result`);
    process.exit(1);
  }
  console.log(`cli-api-types: ${shownTarget} matches openapi.yaml`);
}

function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  let i = 0;
  while (i < left.length && i < right.length && left[i] === right[i]) i++;
  return i + 1;
}
