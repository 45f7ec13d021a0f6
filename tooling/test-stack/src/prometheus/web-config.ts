import { writeFile } from 'node:fs/promises';
import bcrypt from 'bcryptjs';

// The lowest cost Go's bcrypt accepts: the server checks the hash on requests, and these are test passwords.
const BCRYPT_COST = 4;

export interface WebConfigInput {
  tls?: { certFile: string; keyFile: string };
  basicAuth?: { username: string; password: string };
}

/** Content of Prometheus' --web.config.file (exporter-toolkit format). */
export function buildWebConfig(input: WebConfigInput): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  if (input.tls) {
    config.tls_server_config = { cert_file: input.tls.certFile, key_file: input.tls.keyFile };
  }
  if (input.basicAuth) {
    const { username, password } = input.basicAuth;
    config.basic_auth_users = { [username]: bcrypt.hashSync(password, BCRYPT_COST) };
  }
  return config;
}

/** JSON is valid YAML, and JSON.stringify quotes user names and hashes correctly. */
export async function writeWebConfig(file: string, input: WebConfigInput): Promise<void> {
  await writeFile(file, `${JSON.stringify(buildWebConfig(input), null, 2)}\n`);
}
