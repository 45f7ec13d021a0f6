import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SERVICE_MAIN } from './testing/service-process.js';

/** Runs the real CLI with its stdout closed before it writes (as `| head -1` does once it has its line). */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVICE_MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

describe('a reader that closes stdout early', () => {
  it('--help ends quietly with its own exit code, without an unhandled EPIPE', async () => {
    const { code, stderr } = await runWithClosedStdout(['--help']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('validate of a bad file keeps exit 1', async () => {
    const { code } = await runWithClosedStdout(['validate', '/nonexistent/metrics.yml']);
    expect(code).toBe(1);
  });
});
