import { isPortFree } from '../is-port-free.js';

/**
 * Successive ports from `first`, or free ones picked at random. Not the kernel's ephemeral ports:
 * the SQL schema stores membership ports as smallint, so they must stay below 32768.
 */
export function portAllocator(first: number | undefined): () => Promise<number> {
  let nextPort = first;
  const taken = new Set<number>();
  return async () => {
    if (nextPort !== undefined) return nextPort++;
    for (;;) {
      const port = 20_000 + Math.floor(Math.random() * 12_000);
      if (taken.has(port) || !(await isPortFree(port, '127.0.0.1'))) continue;
      taken.add(port);
      return port;
    }
  };
}
