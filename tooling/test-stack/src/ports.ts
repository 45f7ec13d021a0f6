import { createServer } from 'node:net';

/**
 * Asks the kernel for a currently unused port on 127.0.0.1. The port is released before it is returned, so
 * another process may grab it in between: callers that bind it later must be ready to retry.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close((closeError) => {
        if (closeError) reject(closeError);
        else if (port === undefined) reject(new Error('could not determine a free port on 127.0.0.1'));
        else resolve(port);
      });
    });
  });
}
