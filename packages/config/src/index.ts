/** Boot-time configuration helpers shared by the deployables. */
export { ConfigError, parseEnvConfig } from './parse-env-config.js';
export {
  TemporalConnectionProperties,
  temporalConnectionOptions,
  type TemporalConnectionConfig,
  type TemporalConnectionOptions,
} from './temporal-connection-config.js';
export { LivenessFileProperties, livenessIntervalMs, startLivenessFile } from './liveness-file.js';
export {
  workerTelemetryOptions,
  workerTelemetryProperties,
  type WorkerTelemetryConfig,
} from './worker-telemetry-config.js';
export { encryptedEncoding, PayloadEncryptionCodec } from './payload-encryption-codec.js';
export {
  dataConverterOf,
  encryptedFailureConverterPath,
  PayloadEncryptionProperties,
  type PayloadEncryptionConfig,
} from './payload-encryption-config.js';
export { withoutFailureText } from './without-failure-text.js';
