import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { formatCommand } from './command-line.js';
import { readLogTail } from './log-tail.js';

test('readLogTail returns the last whole lines, even of a large file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kitty-tail-test-'));
  try {
    const file = join(dir, 'x.log');
    const lines = Array.from({ length: 10_000 }, (_, i) => `line ${i}\n`);
    await writeFile(file, lines.join(''));
    expect(await readLogTail(file, 3)).toBe('line 9997\nline 9998\nline 9999');
    expect(await readLogTail(join(dir, 'missing.log'))).toMatch(/could not read/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('formatCommand quotes what a shell would need quoted', () => {
  expect(formatCommand('promtool', ['tsdb', '--x=/a b/c', "it's"])).toBe(
    "promtool tsdb '--x=/a b/c' 'it'\\''s'",
  );
});
