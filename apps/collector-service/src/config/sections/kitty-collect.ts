import {
  booleanValue,
  choiceValue,
  integerValue,
  quote,
  secondsValue,
  textValue,
} from '@kitty-collect/oslo-config';
import { z } from 'zod';

export const KITTY_COLLECT_SECTION = 'kitty_collect';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_STORAGE_PATH = './kitty-collect.sqlite';

export interface ListenAddress {
  host: string;
  port: number;
}

/** `host:port`, `[::1]:8889` for IPv6. Port 0 asks the system for a free port (tests). */
function listenValue() {
  return z.string().transform((text, ctx): ListenAddress => {
    const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text.trim());
    const host = match?.[1] ?? match?.[2];
    const port = Number(match?.[3]);
    if (host === undefined || !Number.isInteger(port) || port > 65535) {
      ctx.issues.push({
        code: 'custom',
        message: `expected host:port (e.g. 127.0.0.1:8889, [::1]:8889), got ${quote(text)}`,
        input: undefined,
      });
      return z.NEVER;
    }
    return { host, port };
  });
}

/**
 * Where a new scope starts: `month` is CloudKitty's rule (the start of the current month, UTC); otherwise a
 * date (`2026-01-01`, UTC midnight) or an instant with its offset. An instant without an offset would
 * depend on the machine's time zone, so it is refused.
 */
function firstPeriodValue() {
  return z.string().transform((text, ctx): 'month' | Date => {
    const value = text.trim();
    if (value === 'month') return 'month';
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value);
    const date = new Date(value);
    if ((dateOnly || instant) && !Number.isNaN(date.getTime()) && isCalendarDate(value)) return date;
    const hint = /T\d{2}:\d{2}/.test(value) && !instant ? ' (give the offset: Z or +hh:mm)' : '';
    ctx.issues.push({
      code: 'custom',
      message: `expected month, a date (2026-01-01) or an ISO 8601 instant (2026-01-01T00:00:00Z), got ${quote(text)}${hint}`,
      input: undefined,
    });
    return z.NEVER;
  });
}

/** `Date` rolls 2026-02-30 over to March 2nd: check the written day exists in its month. */
function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
}

/** kitty-collect's own section; its option names are checked (an unknown one is a typo). */
export const kittyCollectSectionSchema = z
  .object({
    /** As written; the loader resolves it (see docs/configuration.md). */
    storage_path: textValue().default(DEFAULT_STORAGE_PATH),
    listen: listenValue().default({ host: '127.0.0.1', port: 8889 }),
    concurrency: integerValue('a whole number of collections in flight', { min: 1 }).default(4),
    /** Scopes at the same period share one query per rating type (see the collectors' README). */
    batch: booleanValue().default(true),
    /**
     * Scopes per batched query; more at the same period are split into batches that each ask for their own
     * scopes only. 200 ids keep the query's URL near 7 KB, under common proxy limits.
     */
    batch_size: integerValue('a whole number of scopes, at least 2', { min: 2 }).default(200),
    first_period: firstPeriodValue().default('month'),
    retry_initial_seconds: secondsValue().default(10),
    retry_max_seconds: secondsValue().default(600),
    log_level: choiceValue(LOG_LEVELS).default('info'),
    /** The API over HTTPS (operators without a TLS proxy in front): PEM files, both or neither. */
    tls_cert_file: textValue().optional(),
    tls_key_file: textValue().optional(),
  })
  .refine((section) => (section.tls_cert_file === undefined) === (section.tls_key_file === undefined), {
    path: ['tls_key_file'],
    message: 'tls_cert_file and tls_key_file go together: set both (HTTPS) or neither (HTTP)',
  })
  .refine((section) => section.retry_max_seconds >= section.retry_initial_seconds, {
    path: ['retry_max_seconds'],
    message: 'must not be less than retry_initial_seconds',
    // Also when other options of the section are wrong, so that every problem is reported at once.
    when: (payload) => !payload.issues.some((issue) => String(issue.path?.[0]).startsWith('retry_')),
  })
  .transform((section) => ({
    storagePath: section.storage_path,
    listen: section.listen,
    concurrency: section.concurrency,
    batch: section.batch,
    batchSize: section.batch_size,
    firstPeriod: section.first_period,
    retryInitialSeconds: section.retry_initial_seconds,
    retryMaxSeconds: section.retry_max_seconds,
    logLevel: section.log_level,
    tls:
      section.tls_cert_file === undefined || section.tls_key_file === undefined
        ? undefined
        : { certFile: section.tls_cert_file, keyFile: section.tls_key_file },
  }));

export const KITTY_COLLECT_OPTIONS = Object.keys(kittyCollectSectionSchema.in.shape);

export type KittyCollectSection = z.output<typeof kittyCollectSectionSchema>;
