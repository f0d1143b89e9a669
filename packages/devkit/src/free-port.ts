import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, chosen by the kernel.
 *
 * Another process may take it before the caller binds it; that race is acceptable for tests and
 * dev servers, which fail loudly on a taken port.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('listening on port 0 gave no TCP address'));
        return;
      }
      server.close((err) => (err ? reject(err) : resolve(address.port)));
    });
  });
}
