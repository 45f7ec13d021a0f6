import { textValue } from '@kitty-collect/oslo-config';
import { z } from 'zod';

export const OSLO_POLICY_SECTION = 'oslo_policy';

/** oslo.policy's default: looked for next to cloudkitty.conf, and the defaults apply when it is absent. */
export const DEFAULT_POLICY_FILE = 'policy.yaml';

/**
 * `[oslo_policy]` as oslo.policy registers it (oslo_policy/opts.py): only `policy_file` is read. Its other
 * options (`policy_dirs`, `enforce_scope`, `enforce_new_defaults`, `policy_default_rule`…) are left alone,
 * as in every `[oslo_*]` section.
 */
export const osloPolicySectionSchema = z
  .object({
    /** As written; the loader resolves it against the config file's directory. */
    policy_file: textValue().default(DEFAULT_POLICY_FILE),
  })
  .transform((section) => ({ policyFile: section.policy_file }));

export type OsloPolicySection = z.output<typeof osloPolicySectionSchema>;
