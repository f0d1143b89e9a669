// `npm run lint` runs this: jscpd (a copy-paste detector) over the TypeScript of apps/, packages/ and
// scripts/, tests included. More repeated places of 6 or more lines than the budget fail the lint,
// so repetition cannot creep back; lower the budget when a change removes some.
import { createRequire } from 'node:module';
import type * as Jscpd from 'jscpd';

// The CommonJS build: jscpd 4.3's ES module build imports `colors/safe` without an extension,
// which Node's ES module loader refuses.
const { detectClones } = createRequire(import.meta.url)('jscpd') as typeof Jscpd;

const budget = 10;
const clones = await detectClones({
  path: ['apps', 'packages', 'scripts'],
  format: ['typescript'],
  minLines: 6,
  ignore: ['**/node_modules/**', '**/dist/**', '**/.tools/**', '**/.data/**', '**/bench-results/**'],
  reporters: [],
  silent: true,
});
const where = (f: { sourceId: string; start: { line: number }; end: { line: number } }) =>
  `${f.sourceId}:${f.start.line}-${f.end.line}`;
for (const clone of clones) console.log(`  ${where(clone.duplicationA)} ~ ${where(clone.duplicationB)}`);
console.log(`copy-paste: ${clones.length} repeated places of 6+ lines (budget ${budget})`);
if (clones.length > budget) {
  console.error(`copy-paste: over the budget of ${budget}: share the code above instead of repeating it`);
  process.exit(1);
}
