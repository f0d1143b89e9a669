import { existsSync } from 'node:fs';
import path from 'node:path';
import { devSecretFile } from './dev-secret-file.js';

/** What `npm start` gives each app, and the dev server, for approval links and encrypted history. */
export interface DevSecurityEnv {
  /** For the API and both workers. */
  all: Record<string, string>;
  api: Record<string, string>;
  workerCpu: Record<string, string>;
  /** Where the dev server's Web UI decodes payloads (`--ui-codec-endpoint`); none without encryption. */
  uiCodecEndpoint?: string;
  /** Lines for the console. */
  notes: string[];
}

const loopback = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * The local security set-up of `npm start`. Approval links are always on: the secret comes from
 * REVIEWFLOW_APPROVAL_LINK_SECRET or `<data>/approval-link-secret`, and links point at the API's
 * URL. Payload encryption is on with REVIEWFLOW_PAYLOAD_KEYS, or with REVIEWFLOW_DEV_ENCRYPTION=1
 * and a key in `<data>/payload-key`, and stays on for that data folder once its key exists (its
 * history cannot be read without it); then the Web UI decodes through the API's codec endpoint,
 * open without a key only while the API listens on loopback (the UI sends no credentials).
 */
export function devSecurityEnv(options: {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  apiUrl: string;
  apiHost: string;
  uiOrigins: string[];
}): DevSecurityEnv {
  const { env, dataDir, apiUrl } = options;
  const rel = (file: string) => {
    const relative = path.relative(process.cwd(), file);
    return relative.startsWith('..') || relative === '' ? file : relative;
  };
  const linkFile = path.join(dataDir, 'approval-link-secret');
  const linkSecret = env.REVIEWFLOW_APPROVAL_LINK_SECRET || devSecretFile(linkFile, 32);
  const links = { REVIEWFLOW_APPROVAL_LINK_SECRET: linkSecret };
  const notes = [
    `approval links on (${env.REVIEWFLOW_APPROVAL_LINK_SECRET ? 'REVIEWFLOW_APPROVAL_LINK_SECRET' : `secret in ${rel(linkFile)}`}): GET ${apiUrl}/reviews/<id> lists them`,
  ];
  const result: DevSecurityEnv = {
    all: {},
    api: { ...links, REVIEWFLOW_PUBLIC_URL: env.REVIEWFLOW_PUBLIC_URL || apiUrl },
    workerCpu: links,
    notes,
  };

  const keyFile = path.join(dataDir, 'payload-key');
  const keys =
    env.REVIEWFLOW_PAYLOAD_KEYS ||
    (env.REVIEWFLOW_DEV_ENCRYPTION === '1' || existsSync(keyFile) ? `dev:${devSecretFile(keyFile, 32)}` : undefined);
  if (keys === undefined) {
    notes.push('history in plain text; REVIEWFLOW_DEV_ENCRYPTION=1 encrypts it (key kept in the data folder)');
    return result;
  }
  result.all = { REVIEWFLOW_PAYLOAD_KEYS: keys };
  const open = loopback.has(options.apiHost);
  Object.assign(result.api, {
    REVIEWFLOW_CODEC_CORS_ORIGINS: env.REVIEWFLOW_CODEC_CORS_ORIGINS || options.uiOrigins.join(','),
    REVIEWFLOW_CODEC_AUTH: env.REVIEWFLOW_CODEC_AUTH || (open ? 'none' : 'api-key'),
  });
  result.uiCodecEndpoint = `${apiUrl}/codec`;
  notes.push(
    `history encrypted (${env.REVIEWFLOW_PAYLOAD_KEYS ? 'REVIEWFLOW_PAYLOAD_KEYS' : `key in ${rel(keyFile)}`}); codec endpoint for the Web UI: ${apiUrl}/codec` +
      (open ? '' : ' (needs a history:read key off loopback, so the UI shows ciphertext)'),
  );
  return result;
}
