import { createServer } from 'node:net';

export interface OccupiedPort {
  port: number;
  release(): Promise<void>;
}

/** Holds a loopback port like a foreign process would. Connections are dropped so close() cannot hang on them. */
export async function occupyPort(): Promise<OccupiedPort> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return {
    port: address.port,
    release: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
