/** Names the model (or offline default) that produced a result, so every result says where it came from. */
export interface ComponentInfo {
  name: string;
  /** True for the built-in offline default that needs no network. */
  offline: boolean;
  description: string;
}
