import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { writeDatasetFile } from './write-dataset-file.js';

describe('writeDatasetFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kitty-write-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('writes a string or chunks verbatim', async () => {
    const file = join(dir, 'a.om');
    await writeDatasetFile(file, '# TYPE x gauge\nx 1 0\n# EOF');
    expect(await readFile(file, 'utf8')).toBe('# TYPE x gauge\nx 1 0\n# EOF');
    function* chunks() {
      yield '# TYPE x gauge\n';
      for (let i = 0; i < 50_000; i++) yield `x{i="${i}"} ${i} 0\n`;
      yield '# E';
      yield '';
      yield 'OF\n';
    }
    await writeDatasetFile(file, chunks());
    const written = await readFile(file, 'utf8');
    expect(written.split('\n')).toHaveLength(50_000 + 3);
    expect(written.endsWith('x{i="49999"} 49999 0\n# EOF\n')).toBe(true);
  });

  test('rejects a dataset without the # EOF terminator', async () => {
    await expect(writeDatasetFile(join(dir, 'b.om'), 'x 1 0\n')).rejects.toThrow(/must end with "# EOF"/);
  });
});
