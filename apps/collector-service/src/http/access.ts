import { HttpError } from './errors/http-error.js';
import type { RequestContext } from './request-context.js';

/** CloudKitty's policy decision for one rule; the API's default (noauth) allows everything. */
export type PolicyDecision = (
  rule: string,
  context: RequestContext,
  target: Readonly<Record<string, string | undefined>>,
) => boolean;

export const ALLOW_ALL: PolicyDecision = () => true;

/**
 * What the routes need to know of the caller: whether a rule lets them through (else CloudKitty's 403
 * naming the rule), and which project a non-admin is held to.
 */
export class ApiAccess {
  readonly #decide: PolicyDecision;
  readonly scopeKey: string;

  constructor(decide: PolicyDecision, scopeKey: string) {
    this.#decide = decide;
    this.scopeKey = scopeKey;
  }

  /** CloudKitty's `policy.authorize(context, rule, target)`: 403 when the rule refuses. */
  authorize(
    rule: string,
    context: RequestContext,
    target: Readonly<Record<string, string | undefined>> = {},
  ): void {
    if (!this.#decide(rule, context, target)) {
      throw new HttpError(403, `Policy doesn't allow ${rule} to be performed.`);
    }
  }

  /**
   * CloudKitty master's rule for reads by a non-admin: only its own project (`[collect] scope_key` forced to
   * the token's project, whatever the request's filters say), nothing at all for an unscoped token.
   */
  ownUsage(
    context: RequestContext,
  ): { kind: 'all' } | { kind: 'none' } | { kind: 'project'; key: string; value: string } {
    if (context.isAdmin) return { kind: 'all' };
    if (context.projectId === undefined) return { kind: 'none' };
    return { kind: 'project', key: this.scopeKey, value: context.projectId };
  }
}
