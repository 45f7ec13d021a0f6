import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors/http-error.js';

/** CloudKitty's (Werkzeug's) answer to a body that is not JSON. */
export const NOT_UNDERSTOOD = 'The browser (or proxy) sent a request that this server could not understand.';

/**
 * The request's body as JSON, read at most `maxBytes` (a POST of dataframes is the largest a client sends);
 * undefined when empty. More → 413, the connection closed after the answer (the rest is not read).
 */
export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, NOT_UNDERSTOOD);
  }
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, `The request body is larger than this API takes (${maxBytes} bytes).`, {
    Connection: 'close',
  });
}
