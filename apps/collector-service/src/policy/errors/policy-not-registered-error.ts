/**
 * The service enforced a rule the policy does not have: a mistake in kitty-collect, never in the policy
 * file (oslo.policy's PolicyNotRegistered). Every rule an endpoint enforces is a default rule.
 */
export class PolicyNotRegisteredError extends Error {
  override name = 'PolicyNotRegisteredError';
  readonly rule: string;

  constructor(rule: string) {
    super(`policy rule "${rule}" is not registered`);
    this.rule = rule;
  }
}
