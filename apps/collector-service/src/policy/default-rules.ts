/**
 * CloudKitty master's default rules (cloudkitty/common/policies/base.py and the v2 policies of the
 * endpoints kitty-collect serves: dataframes.py, summary.py, scope.py), with CloudKitty's check strings.
 * The v1 API's rules and v2's rating and task rules guard endpoints kitty-collect does not have.
 *
 * `member` implies `reader` in Keystone's default roles: a member's token lists both (Keystone expands
 * implied roles into the token), so `project_reader_api` admits members without saying so.
 */
export const DEFAULT_RULES: Readonly<Record<string, string>> = {
  // base.py
  context_is_admin: 'role:admin',
  /** Deprecated since CloudKitty 22.0.0, for removal; kept so that `rule:admin_or_owner` in a file resolves. */
  admin_or_owner: 'is_admin:True or (role:admin and is_admin_project:True) or project_id:%(project_id)s',
  default: '',
  project_member_api: 'role:member and project_id:%(project_id)s',
  project_reader_api: 'role:reader and project_id:%(project_id)s',
  project_member_or_admin: 'rule:project_member_api or rule:context_is_admin',
  project_reader_or_admin: 'rule:project_reader_api or rule:context_is_admin',
  // v2/dataframes.py
  'dataframes:add': 'role:admin',
  'dataframes:get': 'rule:project_reader_or_admin',
  // v2/summary.py
  'summary:get_summary': 'rule:project_reader_or_admin',
  // v2/scope.py
  'scope:get_state': 'role:admin',
  'scope:reset_state': 'role:admin',
  'scope:patch_state': 'role:admin',
  'scope:post_state': 'role:admin',
};

/** The rules kitty-collect's v2 endpoints enforce, by the names CloudKitty gives them. */
export const API_RULES = {
  getDataframes: 'dataframes:get',
  addDataframes: 'dataframes:add',
  getSummary: 'summary:get_summary',
  getScopeState: 'scope:get_state',
  resetScopeState: 'scope:reset_state',
  patchScopeState: 'scope:patch_state',
  postScopeState: 'scope:post_state',
} as const;
