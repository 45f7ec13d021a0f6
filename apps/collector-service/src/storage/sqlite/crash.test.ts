import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR_MS, hoursAfter } from '../testing/frames.js';
import { TempStorageDir } from '../testing/temp-storage.js';

const T0 = new Date('2026-03-01T00:00:00Z');
const REGISTER_TS = fileURLToPath(new URL('../testing/register-ts.mjs', import.meta.url));
const CHILD = fileURLToPath(new URL('../testing/commit-then-kill.ts', import.meta.url));

interface ChildEnd {
  signal: NodeJS.Signals | null;
  code: number | null;
  /** The last "committed <n>" line the child wrote (synchronously, after each commit). */
  reported: number;
  stderr: string;
}

/** Runs the committing child; `whileRunning` sees its progress and may kill it. */
function runChild(
  path: string,
  count: number,
  whileRunning?: (child: ChildProcess, reported: () => number) => void,
): Promise<ChildEnd> {
  const child = spawn(
    process.execPath,
    ['--import', REGISTER_TS, CHILD, path, 'p1', String(count), T0.toISOString()],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  const reported = () => Number(/committed (\d+)\n(?![\s\S]*committed)/.exec(stdout)?.[1] ?? 0);
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  whileRunning?.(child, reported);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, reported: reported(), stderr }));
  });
}

let temp: TempStorageDir;
beforeEach(() => {
  temp = new TempStorageDir();
});
afterEach(() => temp.cleanup());

describe('durability: a commit survives SIGKILL of the process that made it', () => {
  it('finds exactly the N periods a process committed right before it was SIGKILLed', async () => {
    const end = await runChild(temp.file(), 25);
    expect(end.stderr).toBe('');
    expect(end.signal).toBe('SIGKILL');
    expect(end.reported).toBe(25);

    const storage = temp.open();
    expect(storage.countDataFrames('p1')).toBe(25);
    expect(storage.getScopeState('p1')).toMatchObject({ state: 'ok', lastProcessed: hoursAfter(T0, 24) });
    const stored = storage.queryDataFrames({});
    expect(stored.total).toBe(50);
    expect(stored.dataframes.at(-1)?.usage.cpu?.[0]?.vol.qty).toBe('24.000000001');
  });

  it('after a SIGKILL at an arbitrary moment, has every reported period, no gap, no half period', async () => {
    const end = await runChild(temp.file(), 0, (child, reported) => {
      const timer = setInterval(() => {
        if (reported() >= 40) {
          clearInterval(timer);
          child.kill('SIGKILL');
        }
      }, 5);
      child.on('close', () => clearInterval(timer));
    });
    expect(end.signal).toBe('SIGKILL');

    const storage = temp.open();
    const count = storage.countDataFrames('p1');
    // The kill may land between a commit and its report: at most one period more than reported.
    expect(count).toBeGreaterThanOrEqual(end.reported);
    expect(count).toBeLessThanOrEqual(end.reported + 1);
    // The scope state moved with each commit, and every period holds both of its points.
    expect(storage.getScopeState('p1')?.lastProcessed).toEqual(
      new Date(T0.getTime() + (count - 1) * HOUR_MS),
    );
    const stored = storage.queryDataFrames({});
    expect(stored.total).toBe(2 * count);
    expect(stored.dataframes.map((frame) => Date.parse(frame.period.begin))).toEqual(
      Array.from({ length: count }, (_, hour) => hoursAfter(T0, hour).getTime()),
    );
  });
});
