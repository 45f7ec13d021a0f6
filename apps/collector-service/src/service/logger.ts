import { type Logger, pino } from 'pino';

/** Structured JSON logs on stderr; anything that looks like a secret is redacted wherever it appears. */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { service: 'kitty-collect' },
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'secret',
          '*.secret',
          'headers.authorization',
          'headers["x-auth-token"]',
          'application_credential_secret',
          '*.application_credential_secret',
        ],
        censor: '<redacted>',
      },
    },
    pino.destination(2),
  );
}
