import { z } from 'zod';
import type { Storage } from '../../../storage/storage.js';
import { jsonResponse, type RouteHandler } from '../../api-types.js';
import { textField } from '../../params/body-fields.js';
import { parseBody } from '../../params/parse-body.js';
import { noResourceFound } from '../not-found.js';
import { scopePatch, scopePatchFields } from './scope-body.js';
import { scopeResult } from './scope-result.js';
import type { ScopeSource } from './scope-source.js';

const patchBodySchema = z.strictObject({ scope_id: textField, ...scopePatchFields });

/**
 * PATCH /v2/scope, as CloudKitty master: sets the scope's scope_key, fetcher, collector and active
 * (`scope_activation_toggle_date` moves when active changes), answering the scope as one object; a scope
 * without a state is a 404. An inactive scope is skipped by the loop; active again, it resumes after its
 * last stored period.
 */
export function patchScopeRoute(storage: Storage, source: ScopeSource): RouteHandler {
  return async (request) => {
    const body = parseBody(await request.json(), patchBodySchema);
    const updated = await storage.updateScope(body.scope_id, scopePatch(body));
    if (updated === undefined) throw noResourceFound();
    return jsonResponse(200, scopeResult(updated, source));
  };
}
