import type { Policy, PolicyCredentials } from '../policy/index.js';
import type { PolicyDecision } from './access.js';
import type { IsAdmin } from './keystone-authenticate.js';
import type { RequestContext } from './request-context.js';

/** A request's context under oslo.context's policy names. */
export function policyCredentials(
  context: Omit<RequestContext, 'isAdmin'> & { isAdmin?: boolean },
): PolicyCredentials {
  return {
    roles: context.roles,
    is_admin: context.isAdmin === true,
    ...(context.projectId === undefined ? {} : { project_id: context.projectId }),
    ...(context.userId === undefined ? {} : { user_id: context.userId }),
    ...(context.domainId === undefined ? {} : { domain_id: context.domainId }),
  };
}

/** CloudKitty's `policy.authorize` over kitty-collect's Policy. */
export function policyDecision(policy: Policy): PolicyDecision {
  return (rule, context, target) => policy.enforce(rule, target, policyCredentials(context)).allowed;
}

/** oslo.context's `is_admin`: the `context_is_admin` rule holds for the token's credentials. */
export function contextIsAdmin(policy: Policy): IsAdmin {
  return (context) => policy.enforce('context_is_admin', {}, policyCredentials(context)).allowed;
}
