import { isoformatUtc } from '@kitty-collect/collector-base';
import { z } from 'zod';
import type { ScopeState, Storage } from '../../../storage/storage.js';
import { jsonResponse, type RouteHandler } from '../../api-types.js';
import { HttpError } from '../../errors/http-error.js';
import { InvalidParameterError } from '../../errors/invalid-parameter-error.js';
import { booleanField, instantField, listField } from '../../params/body-fields.js';
import { parseBody } from '../../params/parse-body.js';
import { noResourceFound } from '../not-found.js';
import { filterScopes, namedFilters, type ScopeSource } from './scope-source.js';

/** CloudKitty's messages (17 names both fields: kitty-collect takes both). */
export const NO_SELECTOR = 'Either all_scopes or a scope_id should be specified.';
export const NO_TIMESTAMP =
  "Variables 'state' and 'last_processed_timestamp' cannot be empty/None. We expect at least one of them.";

const putBodySchema = z.strictObject({
  all_scopes: booleanField.optional(),
  scope_id: listField.optional(),
  scope_key: listField.optional(),
  fetcher: listField.optional(),
  collector: listField.optional(),
  last_processed_timestamp: instantField.optional(),
  // CloudKitty 17's deprecated name of last_processed_timestamp, which python-cloudkittyclient 4.6 sends.
  state: instantField.optional(),
});

/**
 * PUT /v2/scope, CloudKitty's reset: `all_scopes` or `scope_id` (not both), narrowed by scope_key, fetcher
 * and collector; no selected scope is a 404. CloudKitty deletes the scope's data from T and sets its state
 * to T, so that its loop resumes at T + period: the period starting at T is deleted and never collected
 * again. kitty-collect sets the state to T − period instead, so the loop collects again every period from
 * T on, the first one included. T must start one of the scope's periods (frames follow its state period
 * by period); otherwise 400 naming the starts around it. Done when answered, though 202 `{}` as CloudKitty.
 */
export function putScopeRoute(storage: Storage, source: ScopeSource, periodSeconds: number): RouteHandler {
  const periodMs = periodSeconds * 1000;
  return async (request) => {
    const body = parseBody(await request.json(), putBodySchema);
    if (body.all_scopes !== undefined && body.scope_id !== undefined) {
      throw new InvalidParameterError([
        {
          parameter: 'scope_id',
          message: "two or more values in the same group of exclusion 'scope_selector'",
        },
      ]);
    }
    if (body.all_scopes !== true && body.scope_id === undefined) throw new HttpError(400, NO_SELECTOR);
    const from = body.last_processed_timestamp ?? body.state;
    if (from === undefined) throw new HttpError(400, NO_TIMESTAMP);
    const selected = filterScopes(await storage.listScopeStates(), namedFilters(body), source);
    if (selected.length < 1) throw noResourceFound();
    checkAligned(selected, from, periodMs);
    await storage.resetScopes(
      { scopeIds: selected.map((scope) => scope.scopeId) },
      from,
      new Date(from.getTime() - periodMs),
    );
    return jsonResponse(202, {});
  };
}

/**
 * A scope's periods follow each other from its state: T starts one of them when it is a whole number of
 * periods away from the last one's start. A scope never processed has no periods yet: any T starts them.
 */
function checkAligned(scopes: readonly ScopeState[], from: Date, periodMs: number): void {
  const offset = (scope: ScopeState) =>
    scope.lastProcessed === undefined ? 0 : mod(from.getTime() - scope.lastProcessed.getTime(), periodMs);
  const misaligned = scopes.filter((scope) => offset(scope) !== 0);
  const [first] = misaligned;
  if (first === undefined) return;
  const before = new Date(from.getTime() - offset(first));
  const after = new Date(before.getTime() + periodMs);
  const others = misaligned.length > 1 ? ` (and ${misaligned.length - 1} more scopes)` : '';
  throw new InvalidParameterError([
    {
      parameter: 'last_processed_timestamp',
      message: `${isoformatUtc(from)} does not start a period of scope ${first.scopeId}${others}: its periods of ${periodMs / 1000} s start at ${isoformatUtc(before)} and ${isoformatUtc(after)}`,
    },
  ]);
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
