import bcrypt from 'bcryptjs';
import { expect, test } from 'vitest';
import { buildWebConfig } from './web-config.js';

test('web config: TLS files and a bcrypt hash Prometheus accepts', () => {
  const config = buildWebConfig({
    tls: { certFile: '/w/cert.pem', keyFile: '/w/key.pem' },
    basicAuth: { username: 'kitty', password: 's3cret: "x"' },
  });
  expect(config.tls_server_config).toEqual({ cert_file: '/w/cert.pem', key_file: '/w/key.pem' });
  const hash = (config.basic_auth_users as Record<string, string>).kitty ?? '';
  expect(hash).toMatch(/^\$2[aby]\$04\$/);
  expect(bcrypt.compareSync('s3cret: "x"', hash)).toBe(true);
  expect(buildWebConfig({})).toEqual({});
});
