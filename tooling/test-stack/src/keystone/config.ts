import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface KeystonePaths {
  workDir: string;
  configFile: string;
  databaseFile: string;
  fernetKeyDir: string;
  credentialKeyDir: string;
}

export function keystonePaths(workDir: string): KeystonePaths {
  return {
    workDir,
    configFile: join(workDir, 'keystone.conf'),
    databaseFile: join(workDir, 'keystone.db'),
    fernetKeyDir: join(workDir, 'fernet-keys'),
    credentialKeyDir: join(workDir, 'credential-keys'),
  };
}

export interface KeystoneConfigSettings {
  tokenExpirationSeconds: number;
  cache: boolean;
}

/**
 * A minimal keystone.conf for one test instance. No log_file: every process (keystone-manage steps and the
 * server) logs to its stderr, which the launcher sends to a file of its own in workDir.
 */
export function renderKeystoneConfig(paths: KeystonePaths, settings: KeystoneConfigSettings): string {
  return `# Written by @kitty-collect/test-stack for a throw-away test Keystone.
[DEFAULT]
debug = false
# oslo.log writes nowhere without a log_file unless told to use stderr.
use_stderr = true

[database]
# An absolute path: sqlite:////abs/path.
connection = sqlite:///${paths.databaseFile}

[fernet_tokens]
key_repository = ${paths.fernetKeyDir}

[credential]
key_repository = ${paths.credentialKeyDir}

[cache]
# Without it every authenticated request runs hundreds of sqlite queries (~250 ms).
enabled = ${settings.cache}
backend = dogpile.cache.memory

[identity]
# bcrypt with the cheapest cost: tests hash and check many passwords.
password_hash_rounds = 4

[token]
expiration = ${settings.tokenExpirationSeconds}
`;
}

export async function writeKeystoneConfig(
  paths: KeystonePaths,
  settings: KeystoneConfigSettings,
): Promise<void> {
  await writeFile(paths.configFile, renderKeystoneConfig(paths, settings), { mode: 0o600 });
}
