import { readFile } from 'node:fs/promises';

/**
 * Where an OpenAI-compatible client gets its API key, resolved inside the worker on every request:
 * the key is never part of workflow input, history, artifacts or logs. `undefined` sends no
 * `Authorization` header (vLLM, Ollama and TEI often run without one).
 */
export type ApiKeySource = () => Promise<string | undefined>;

/**
 * A key read from a file (a mounted Kubernetes Secret) on each call, so a rotated Secret is picked
 * up without restarting the worker; surrounding whitespace and the trailing newline are dropped.
 */
export function apiKeyFromFile(path: string): ApiKeySource {
  return async () => {
    const key = (await readFile(path, 'utf8')).trim();
    return key === '' ? undefined : key;
  };
}

/** A key the worker's configuration already holds (from its environment). */
export function apiKeyFromValue(value: string | undefined): ApiKeySource {
  const key = value?.trim();
  return async () => (key === '' ? undefined : key);
}
