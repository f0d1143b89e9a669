import { createServer } from 'node:net';

/**
 * Whether `port` can be bound on `host` right now.
 *
 * Binding is the honest test: it also catches a listener on 0.0.0.0 or [::] that a connect to
 * 127.0.0.1 might miss, and it needs no timeout.
 */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') resolve(false);
      else reject(err);
    });
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}
