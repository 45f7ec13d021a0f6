import { z } from 'zod';
import { ScopeExistsError } from '../../../storage/errors/scope-exists-error.js';
import type { Storage } from '../../../storage/storage.js';
import { jsonResponse, type RouteHandler } from '../../api-types.js';
import { HttpError } from '../../errors/http-error.js';
import { instantField, textField } from '../../params/body-fields.js';
import { parseBody } from '../../params/parse-body.js';
import { scopePatch, scopePatchFields } from './scope-body.js';
import { scopeResult } from './scope-result.js';
import type { ScopeSource } from './scope-source.js';

const postBodySchema = z.strictObject({
  scope_id: textField,
  last_processed_timestamp: instantField,
  ...scopePatchFields,
});

/**
 * POST /v2/scope, as CloudKitty master: a new scope state (active unless said otherwise, its toggle date
 * now), answered 200 with the scope. `last_processed_timestamp` is the start of the period before the
 * first one to collect, as in a state. A scope that has a state, active or not, is a 404 with CloudKitty's
 * message (master only sees the active ones). The loop collects a scope only when the fetcher lists it.
 */
export function postScopeRoute(storage: Storage, source: ScopeSource): RouteHandler {
  return async (request) => {
    const body = parseBody(await request.json(), postBodySchema);
    try {
      const created = await storage.createScope({
        scopeId: body.scope_id,
        lastProcessed: body.last_processed_timestamp,
        ...scopePatch(body),
      });
      return jsonResponse(200, scopeResult(created, source));
    } catch (error) {
      if (error instanceof ScopeExistsError) throw new HttpError(404, error.message);
      throw error;
    }
  };
}
