/** API-key helpers shared with scripts (`npm run hash-api-key`); the app uses the modules directly. */
export { parseApiKeyEntries, type ApiKeyEntry } from './api-key-entry.js';
export { hashApiKey } from './hash-api-key.js';
export { isScope, scopes, type Scope } from './scopes.js';
