import { Agent } from 'undici';

export interface DispatcherOptions {
  ca: string | undefined;
  rejectUnauthorized: boolean;
  maxConnections: number;
}

/**
 * One keep-alive pool per client, an undici 6 Agent (the undici of Node 20's
 * own fetch, so one version of it in the process). Its header and body
 * timers are off: the per-attempt timeout, which covers the body too,
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
