// `npm run openapi`: regenerates openapi.yaml from the route schemas (a test fails while it is stale).
import { writeFileSync } from 'node:fs';
import { renderOpenApiYaml } from '@reviewflow/api/render-openapi';

const target = new URL('../openapi.yaml', import.meta.url);
writeFileSync(target, await renderOpenApiYaml());
console.log(`wrote ${target.pathname}`);
