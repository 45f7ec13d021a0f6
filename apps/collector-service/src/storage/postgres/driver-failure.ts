import { redactUrlsInText } from '@kitty-collect/http-request';

export interface DriverFailure {
  /** The driver's or the server's words, any URL in them redacted. */
  reason: string;
  /** PostgreSQL's SQLSTATE (`28P01`, `57P01`, `23505`…) or the system's (`ECONNREFUSED`, `ETIMEDOUT`…). */
  code: string | undefined;
}

/**
 * What a failure of `pg` says, for our errors. Node reports a host with several addresses that all refuse
 * as an AggregateError without a message: its errors' messages are the reason then.
 */
export function driverFailure(error: unknown): DriverFailure {
  const code = (error as { code?: unknown } | null)?.code;
  let reason = error instanceof Error ? error.message : String(error);
  if (reason === '' && error instanceof AggregateError) {
    reason = error.errors
      .map((inner: unknown) => (inner instanceof Error ? inner.message : String(inner)))
      .join('; ');
  }
  return {
    reason: redactUrlsInText(reason === '' ? 'unknown failure' : reason),
    code: typeof code === 'string' ? code : undefined,
  };
}

/** A unique violation of that constraint (SQLSTATE 23505). */
export function violates(error: unknown, constraint: string): boolean {
  const failure = error as { code?: unknown; constraint?: unknown } | null;
  return failure?.code === '23505' && failure.constraint === constraint;
}
