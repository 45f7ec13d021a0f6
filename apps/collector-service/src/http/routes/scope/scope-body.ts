import type { ScopePatch } from '../../../storage/storage.js';
import { booleanField, textField } from '../../params/body-fields.js';

/** The attributes PATCH and POST /v2/scope take besides the scope id (SingleQueryParam in CloudKitty). */
export const scopePatchFields = {
  scope_key: textField.optional(),
  fetcher: textField.optional(),
  collector: textField.optional(),
  active: booleanField.optional(),
};

/** Those fields as the storage takes them: only the ones given. */
export function scopePatch(body: {
  scope_key?: string | undefined;
  fetcher?: string | undefined;
  collector?: string | undefined;
  active?: boolean | undefined;
}): ScopePatch {
  return {
    ...(body.scope_key !== undefined && { scopeKey: body.scope_key }),
    ...(body.fetcher !== undefined && { fetcher: body.fetcher }),
    ...(body.collector !== undefined && { collector: body.collector }),
    ...(body.active !== undefined && { active: body.active }),
  };
}
