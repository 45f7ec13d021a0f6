import { redactUrlsInText } from '@kitty-collect/http-request';
import { isSecretName } from '@kitty-collect/oslo-config';
import { type DestinationStream, type LogFn, type Logger, pino, stdSerializers } from 'pino';

/** What a secret reads as in a log line or an API answer. */
export const REDACTED = '<redacted>';

/** A Keystone Fernet token (`gAAAAAB…`, base64url): never expected in a log line, whoever wrote it. */
const KEYSTONE_TOKEN = /gAAAA[A-Za-z0-9_-]{20,}=*/g;

/** Nesting beyond which a logged object is not walked (a cycle, or more than anyone means to log). */
const MAX_DEPTH = 8;

/**
 * Text fit for a log line or an API answer (an error message, a scope's last error): every URL through
 * http-request's `redactUrl`, Keystone tokens censored.
 */
export function redactText(text: string): string {
  return redactUrlsInText(text).replace(KEYSTONE_TOKEN, REDACTED);
}

/**
 * A value (logged, or in an API answer) without secrets: text redacted (`redactText`), the value of every key whose name says
 * it is a secret (`password`, `token`, `x-auth-token`, `authorization`, `*_secret`…, oslo-config's
 * `isSecretName`) censored at any depth, errors serialized as pino does (message and stack with causes,
 * own fields) before being walked the same way.
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) return redactValue({ ...stdSerializers.err(value) }, depth);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  // What JSON.stringify would write (a Date's ISO text, a URL's href), redacted in turn.
  if ('toJSON' in value && typeof value.toJSON === 'function') return redactValue(value.toJSON(), depth + 1);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      isSecretName(key) && item !== null && typeof item !== 'number' && typeof item !== 'boolean'
        ? REDACTED
        : redactValue(item, depth + 1),
    ]),
  );
}

/**
 * Structured JSON logs on stderr (or `destination`). Nothing that looks like a secret gets through,
 * whatever the caller logs: the message and every field pass through `redactValue` (URLs redacted,
 * secret-named fields and Keystone tokens censored), errors included, at any depth.
 */
export function createLogger(level: string, destination: DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      level,
      base: { service: 'kitty-collect' },
      formatters: { log: (object) => redactValue(object) as Record<string, unknown> },
      // `formatters.log` already serialized and redacted errors: pino's own `err` serializer must not
      // serialize the result again (it would call it an Object).
      serializers: { err: (value: unknown) => value },
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg));
          method.apply(this, redacted as Parameters<LogFn>);
        },
      },
    },
    destination,
  );
}
