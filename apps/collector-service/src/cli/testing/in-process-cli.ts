import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../io.js';
import { runCli } from '../run-cli.js';

/** Runs the CLI in-process, capturing what it prints. */
export async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (text) => (out += `${text}\n`),
    err: (text) => (err += `${text}\n`),
    isTTY: false,
    env,
  };
  const code = await runCli(args, io);
  return { code, out, err };
}

/** A directory with the given files written into it. */
export async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kc-cli-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}
