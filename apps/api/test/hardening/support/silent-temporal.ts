import { createServer, type Socket } from 'node:net';
import { Client, Connection } from '@temporalio/client';

/** A Temporal client whose server accepts connections and never answers, and how to stop it. */
export interface SilentTemporal {
  client: Client;
  address: string;
  stop(): Promise<void>;
}

/**
 * A real Temporal client pointed at a TCP server on a free loopback port that accepts every
 * connection and never says a word: the hung Temporal a deadline must protect against, and a
 * client the tests whose requests never reach Temporal can be built with.
 */
export async function startSilentTemporal(): Promise<SilentTemporal> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const address = `127.0.0.1:${port}`;
  const connection = Connection.lazy({ address });
  return {
    client: new Client({ connection }),
    address,
    async stop() {
      // The channel first, while calls still wait for their first answer: they end as cancelled.
      // Dropping the sockets first would fail them as unavailable, and the Temporal client's retry
      // timer would then throw from a closed channel.
      await connection.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
