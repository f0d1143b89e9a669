/** Boot-time configuration helpers shared by the deployables. */
export { ConfigError, parseEnvConfig } from './parse-env-config.js';
