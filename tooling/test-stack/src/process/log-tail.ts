import { open } from 'node:fs/promises';

const TAIL_BYTES = 16 * 1024;

/**
 * Last lines of a log file, for error messages. Reads only the end of the file because a failing
 * Prometheus can log a lot before it gives up. Never throws: a missing log must not hide the real error.
 */
export async function readLogTail(file: string, maxLines = 20): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, TAIL_BYTES);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      const lines = buffer.toString('utf8').split('\n');
      if (lines.at(-1) === '') lines.pop();
      // The first line may be cut in the middle when the file is larger than what was read.
      if (size > length) lines.shift();
      return lines.slice(-maxLines).join('\n');
    } finally {
      await handle.close();
    }
  } catch (error) {
    return `(could not read ${file}: ${error instanceof Error ? error.message : String(error)})`;
  }
}

export async function describeFailure(headline: string, command: string, logFile: string): Promise<string> {
  const tail = await readLogTail(logFile);
  return `${headline}\ncommand: ${command}\nlast lines of ${logFile}:\n${tail || '(empty)'}`;
}
