// `npm run config-docs`: regenerates docs/configuration.md from the config schemas (a test fails while it is stale).
import { writeFileSync } from 'node:fs';
import { renderConfigurationDocs } from './configuration-docs/render-configuration-docs.js';

const target = new URL('../docs/configuration.md', import.meta.url);
writeFileSync(target, renderConfigurationDocs());
console.log(`wrote ${target.pathname}`);
