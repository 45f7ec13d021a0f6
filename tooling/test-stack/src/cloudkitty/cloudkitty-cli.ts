import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { formatCommand } from '../process/command-line.js';

/** Debian's `python3-cloudkittyclient` (4.6.0 on trixie) installs it here; setup installs the package. */
export const CLOUDKITTY_CLI = '/usr/bin/cloudkitty';

/** How the CLI reaches the API: no authentication (CloudKitty's noauth), or Keystone with a password. */
export type CloudkittyCliAuth =
  | { endpoint: string }
  | {
      authUrl: string;
      username: string;
      password: string;
      projectName?: string;
      userDomainName?: string;
      projectDomainName?: string;
      /** `public` unless given. */
      interface?: string;
      regionName?: string;
    };

export interface CloudkittyCliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The command line, the password masked, for assertion messages. */
  command: string;
}

export interface CloudkittyCliOptions {
  /** Default 60 s: the CLI starts a Python interpreter and loads cliff and keystoneauth (~1 s). */
  timeoutMs?: number;
}

/**
 * Runs the real `cloudkitty` CLI with the v2 API against kitty-collect:
 * `await cloudkittyCli({ endpoint: url }, ['dataframes', 'get', '-b', …, '-f', 'json'])`. Never rejects for
 * a non-zero exit (assert on `code` and `stderr`); rejects when the CLI is missing or times out.
 */
export async function cloudkittyCli(
  auth: CloudkittyCliAuth,
  args: readonly string[],
  options: CloudkittyCliOptions = {},
): Promise<CloudkittyCliResult> {
  if (!existsSync(CLOUDKITTY_CLI)) {
    throw new Error(
      `${CLOUDKITTY_CLI} is missing: install Debian's python3-cloudkittyclient (scripts/setup.sh does)`,
    );
  }
  const full = [...authArgs(auth), '--os-rating-api-version', '2', ...args];
  const command = formatCommand(CLOUDKITTY_CLI, full.map(maskPassword(auth)));
  return new Promise((resolve, reject) => {
    execFile(
      CLOUDKITTY_CLI,
      full,
      // No OS_* variables of the caller's shell: the arguments say everything.
      { timeout: options.timeoutMs ?? 60_000, env: cleanEnvironment(), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error?.killed) {
          reject(new Error(`${command} timed out`, { cause: error }));
          return;
        }
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr, command });
      },
    );
  });
}

/** `cloudkitty … -f json`: the parsed output, or an error carrying the command, its code and stderr. */
export async function cloudkittyCliJson<T = unknown>(
  auth: CloudkittyCliAuth,
  args: readonly string[],
  options?: CloudkittyCliOptions,
): Promise<T> {
  const result = await cloudkittyCli(auth, [...args, '-f', 'json'], options);
  if (result.code !== 0) {
    throw new Error(`${result.command} exited with ${result.code}: ${result.stderr.trim()}`);
  }
  return JSON.parse(result.stdout) as T;
}

function authArgs(auth: CloudkittyCliAuth): string[] {
  if ('endpoint' in auth) return ['--os-auth-type', 'cloudkitty-noauth', '--os-endpoint', auth.endpoint];
  return [
    '--os-auth-type',
    'password',
    '--os-auth-url',
    auth.authUrl,
    '--os-username',
    auth.username,
    '--os-password',
    auth.password,
    '--os-user-domain-name',
    auth.userDomainName ?? 'Default',
    ...(auth.projectName === undefined
      ? []
      : [
          '--os-project-name',
          auth.projectName,
          '--os-project-domain-name',
          auth.projectDomainName ?? 'Default',
        ]),
    '--os-interface',
    auth.interface ?? 'public',
    ...(auth.regionName === undefined ? [] : ['--os-region-name', auth.regionName]),
  ];
}

function maskPassword(auth: CloudkittyCliAuth): (arg: string) => string {
  return (arg) => ('password' in auth && arg === auth.password ? '<password>' : arg);
}

function cleanEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('OS_')) env[name] = value;
  }
  return env;
}
