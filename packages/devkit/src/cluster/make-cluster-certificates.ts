import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lookupTool } from '../provision/find-tool.js';
import { runCommand } from '../run-command.js';

/** PEM files of a throwaway certificate authority and the certificates it signed. */
export interface ClusterCertificates {
  dir: string;
  /** The CA every side trusts (the server checks client certificates against it, clients the server's). */
  caCert: string;
  /** The frontend's server certificate: CN and SAN `localhost`, SAN IP 127.0.0.1. */
  serverCert: string;
  serverKey: string;
  /** The name clients check the server certificate against (`TEMPORAL_TLS_SERVER_NAME`). */
  serverName: string;
  /** reviewflow's client certificate (CN reviewflow), for every deployable. */
  clientCert: string;
  clientKey: string;
  /** The Temporal internal worker's client certificate (CN temporal-system-worker). */
  systemWorkerCert: string;
  systemWorkerKey: string;
}

const serverName = 'localhost';

/**
 * Makes (once per folder) a CA and, signed by it, the frontend's server certificate and two client
 * certificates, with the `openssl` command line. EC P-256 keys, valid 30 days: they exist for one
 * machine's cluster and are never meant to leave it.
 */
export async function makeClusterCertificates(dir: string): Promise<ClusterCertificates> {
  mkdirSync(dir, { recursive: true });
  const file = (name: string): string => path.join(dir, name);
  const certs: ClusterCertificates = {
    dir,
    caCert: file('ca.pem'),
    serverCert: file('frontend.pem'),
    serverKey: file('frontend-key.pem'),
    serverName,
    clientCert: file('reviewflow.pem'),
    clientKey: file('reviewflow-key.pem'),
    systemWorkerCert: file('system-worker.pem'),
    systemWorkerKey: file('system-worker-key.pem'),
  };
  if ([certs.caCert, certs.serverCert, certs.clientCert, certs.systemWorkerCert].every((f) => existsSync(f)))
    return certs;
  const caKey = file('ca-key.pem');
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', caKey]);
  await openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    caKey,
    '-sha256',
    '-days',
    '30',
    '-subj',
    '/CN=reviewflow local cluster CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    certs.caCert,
  ]);
  await leaf(dir, caKey, certs.caCert, certs.serverCert, certs.serverKey, serverName, [
    `subjectAltName=DNS:${serverName},IP:127.0.0.1`,
    'extendedKeyUsage=serverAuth',
  ]);
  await leaf(dir, caKey, certs.caCert, certs.clientCert, certs.clientKey, 'reviewflow', [
    'extendedKeyUsage=clientAuth',
  ]);
  await leaf(dir, caKey, certs.caCert, certs.systemWorkerCert, certs.systemWorkerKey, 'temporal-system-worker', [
    'extendedKeyUsage=clientAuth',
  ]);
  return certs;
}

async function leaf(
  dir: string,
  caKey: string,
  caCert: string,
  cert: string,
  key: string,
  commonName: string,
  extensions: string[],
): Promise<void> {
  const csr = `${cert}.csr`;
  const ext = `${cert}.ext`;
  writeFileSync(
    ext,
    `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n${extensions.join('\n')}\n`,
  );
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key]);
  await openssl(['req', '-new', '-key', key, '-subj', `/CN=${commonName}`, '-out', csr]);
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      caCert,
      '-CAkey',
      caKey,
      '-CAcreateserial',
      '-days',
      '30',
      '-sha256',
      '-extfile',
      ext,
      '-out',
      cert,
    ],
    dir,
  );
}

async function openssl(args: string[], cwd?: string): Promise<void> {
  const found = lookupTool('openssl');
  if (found.kind !== 'found') throw new Error(`the cluster's certificates need openssl: ${found.message}`);
  const result = await runCommand(found.path, args, { timeoutMs: 30_000, ...(cwd ? { cwd } : {}) });
  if (result.code !== 0) throw new Error(`openssl ${args[0]} failed: ${result.output.trim() || result.error?.message}`);
}
