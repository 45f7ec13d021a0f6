import { type FileHandle, open } from 'node:fs/promises';
import { InvalidConfiguration } from '../errors/invalid-configuration.js';
import { formatCount } from './quote-value.js';

/** `metrics.yml <what> the 1,048,576-byte limit (…why)`. */
export function sizeLimitMessage(what: string, maxBytes: number): string {
  return `metrics.yml ${what} the ${formatCount(maxBytes)}-byte limit (a metrics.yml is a few kilobytes; the limit bounds memory)`;
}

/**
 * The bytes of a file of at most `maxBytes`. A regular file is measured (fstat) before it is read; anything
 * else (a device such as /dev/zero, a FIFO) is read up to `maxBytes + 1` bytes, never further.
 */
export async function readBoundedFile(path: string, maxBytes: number): Promise<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw cannotRead(path, error);
  }
  try {
    const stat = await handle.stat();
    const regular = stat.isFile();
    if (regular && stat.size > maxBytes) {
      throw tooLarge(path, `is ${formatCount(stat.size)} bytes, over`, maxBytes);
    }
    // One byte more than the limit: a file (or device) that fills it is over the limit.
    const buffer = Buffer.allocUnsafe(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) {
      throw tooLarge(path, regular ? 'grew past' : '(not a regular file) gives more than', maxBytes);
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof InvalidConfiguration) throw error;
    throw cannotRead(path, error);
  } finally {
    await handle.close();
  }
}

function tooLarge(path: string, what: string, maxBytes: number): InvalidConfiguration {
  return new InvalidConfiguration([{ path: '', message: sizeLimitMessage(what, maxBytes) }], {
    source: path,
  });
}

function cannotRead(path: string, error: unknown): InvalidConfiguration {
  const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
  return new InvalidConfiguration([{ path: '', message: `cannot read the file (${reason})` }], {
    source: path,
    cause: error,
  });
}
