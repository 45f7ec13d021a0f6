import { open } from 'node:fs/promises';

const FLUSH_AT = 1024 * 1024;
const EOF_MARKER = /# EOF\n?$/;

/**
 * Writes OpenMetrics text to a file chunk by chunk (awaiting each write, so memory stays bounded for huge
 * generated datasets) and checks the `# EOF` terminator up front, before promtool parses a large file.
 */
export async function writeDatasetFile(file: string, dataset: string | Iterable<string>): Promise<void> {
  const handle = await open(file, 'w');
  try {
    let pending = '';
    let tail = '';
    for (const chunk of typeof dataset === 'string' ? [dataset] : dataset) {
      if (chunk.length === 0) continue;
      pending += chunk;
      tail = chunk.length >= 16 ? chunk.slice(-16) : (tail + chunk).slice(-16);
      if (pending.length >= FLUSH_AT) {
        await handle.writeFile(pending, 'utf8');
        pending = '';
      }
    }
    if (pending.length > 0) await handle.writeFile(pending, 'utf8');
    if (!EOF_MARKER.test(tail)) {
      throw new Error(`the OpenMetrics dataset must end with "# EOF" (it ends with ${JSON.stringify(tail)})`);
    }
  } finally {
    await handle.close();
  }
}
