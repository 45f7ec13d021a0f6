/**
 * What a request's token says about its caller, under the names of oslo.context's `to_policy_values()`
 * (the names a rule's checks use). Keystone's token already lists implied roles (`member` implies
 * `reader`), so `roles` is taken as it is.
 */
export interface PolicyCredentials {
  readonly roles: readonly string[];
  /** Absent for a token not scoped to a project. */
  readonly project_id?: string;
  readonly user_id?: string;
  readonly domain_id?: string;
  readonly is_admin: boolean;
  /**
   * keystonemiddleware's `X-Is-Admin-Project`; oslo.context takes a token that says nothing as from the
   * admin project, and so does kitty-collect (absent = true).
   */
  readonly is_admin_project?: boolean;
  /** `all` for a system-scoped token. */
  readonly system_scope?: string;
}

/** What the request acts on, e.g. `{ project_id: 'abc' }`; `%(name)s` in a rule reads it. */
export type PolicyTarget = Readonly<Record<string, string | undefined>>;

export interface PolicyDecision {
  readonly allowed: boolean;
  /** The rule enforced. */
  readonly rule: string;
}
