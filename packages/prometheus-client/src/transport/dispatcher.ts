import { Agent } from 'undici';

export interface DispatcherOptions {
  ca: string | undefined;
  rejectUnauthorized: boolean;
  maxConnections: number;
}

/**
 * One keep-alive pool per client. An undici 6 Agent, because Node 20's own
 * fetch is undici 6 and accepts it as `dispatcher`. Its header and body
 * timers are off: ky's per-attempt timeout, which here covers the body too,
 * is the single clock, so every timeout reads the same to the caller.
 */
export function createDispatcher(options: DispatcherOptions): Agent {
  return new Agent({
    connections: options.maxConnections,
    headersTimeout: 0,
    bodyTimeout: 0,
    connect: {
      rejectUnauthorized: options.rejectUnauthorized,
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    },
  });
}
