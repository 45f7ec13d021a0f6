import { CollectError, SkipExpressionEvaluationError } from '@kitty-collect/collector-base';
import { KeystoneAuthError } from '@kitty-collect/keystone-auth';
import { PrometheusError } from '@kitty-collect/prometheus-client-base';
import { ScopeFetchError } from '../fetchers/errors/scope-fetch-error.js';
import type { ScopeFetcher } from '../fetchers/scope-fetcher.js';
import type { FailedScope } from '../orchestrator/orchestrator.js';
import { StorageWriteError } from '../storage/index.js';

/** `the prometheus fetcher found none: <why>`, for a run that found no scope; undefined when it found some. */
export function noScopeText(fetcher: ScopeFetcher): string | undefined {
  return fetcher.emptyReason === undefined
    ? undefined
    : `the ${fetcher.name} fetcher found none: ${fetcher.emptyReason}`;
}

/** Failed scopes named in full in a run's line; more are counted. */
const SHOWN_SCOPES = 5;

/**
 * The line of an upstream failure, expected and exit 2: the scope fetch failed, or Prometheus, Aetos or
 * Keystone was unreachable or refused, or a `skip_datapoints_expression` raised on what came back (as the
 * period fails in `serve`). Undefined for anything else. The libraries' messages carry redacted URLs only,
 * never a secret.
 */
export function upstreamFailureLine(error: unknown): string | undefined {
  if (error instanceof ScopeFetchError) return `kitty-collect: ${error.message}; nothing was collected`;
  if (
    error instanceof CollectError ||
    error instanceof PrometheusError ||
    error instanceof KeystoneAuthError ||
    error instanceof SkipExpressionEvaluationError
  ) {
    return `kitty-collect: collection failed: ${error.message}`;
  }
  return undefined;
}

/** `storage full: /var/lib/kc.sqlite (SQLITE_FULL): database or disk is full`. */
export function storageWriteText(error: StorageWriteError): string {
  const code = error.code === undefined ? '' : ` (${error.code})`;
  return `${error.full ? 'storage full' : 'storage write failed'}: ${error.path}${code}: ${error.reason}`;
}

/**
 * The one line of a run whose periods failed: what failed — the storage when it refused a write (it
 * fails every scope alike), otherwise the first scope's error — and which scopes failed.
 */
export function failedPeriodsLine(failed: readonly FailedScope[], scopes: number): string {
  const storage = failed.find((failure) => failure.cause instanceof StorageWriteError)?.cause;
  const [first] = failed;
  const what =
    storage instanceof StorageWriteError
      ? storageWriteText(storage)
      : first === undefined
        ? 'no period failed'
        : `scope ${first.scopeId}: ${first.error}`;
  const ids = [...new Set(failed.map((failure) => failure.scopeId))];
  const more = ids.length > SHOWN_SCOPES ? ` and ${ids.length - SHOWN_SCOPES} more` : '';
  const shown = `${ids.slice(0, SHOWN_SCOPES).join(', ')}${more}`;
  return `kitty-collect: ${what} (${ids.length} of ${scopes} scopes failed: ${shown}; they resume on the next run)`;
}
