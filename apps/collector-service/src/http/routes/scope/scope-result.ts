import { isoformatUtc } from '@kitty-collect/collector-base';
import { redactText } from '../../../service/logger.js';
import type { ScopeState } from '../../../storage/storage.js';
import { type ScopeSource, scopeAttributes } from './scope-source.js';

/**
 * One scope as /v2/scope answers it (GET's elements, PATCH's and POST's answer): CloudKitty master's
 * fields (and 17's `state`), then the retry state kitty-collect keeps. `last_processed_timestamp` is the start of the last
 * stored period (null: none yet); `scope_activation_toggle_date` is null for a scope the loop created and
 * nobody toggled (CloudKitty stamps the row's creation, which files from before the migration do not know).
 */
export function scopeResult(scope: ScopeState, source: ScopeSource) {
  const attributes = scopeAttributes(scope, source);
  return {
    scope_id: scope.scopeId,
    scope_key: attributes.scopeKey,
    fetcher: attributes.fetcher ?? null,
    collector: attributes.collector ?? null,
    last_processed_timestamp: timestamp(scope.lastProcessed),
    active: scope.active,
    scope_activation_toggle_date: timestamp(scope.activeToggledAt),
    // CloudKitty 17's deprecated copy of last_processed_timestamp (master removed it): python-cloudkittyclient
    // 4.6's `scope state get` prints it in its State column.
    state: timestamp(scope.lastProcessed),
    collection_state: scope.state,
    failures: scope.failures,
    // Composed by the collection loop from error messages: redacted again where it leaves the service.
    last_error: scope.lastError === undefined ? null : redactText(scope.lastError),
    next_attempt_at: timestamp(scope.nextAttemptAt),
    updated_at: isoformatUtc(scope.updatedAt),
  };
}

function timestamp(date: Date | undefined): string | null {
  return date === undefined ? null : isoformatUtc(date);
}
