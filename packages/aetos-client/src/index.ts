export { AetosClient } from './aetos-client.js';
export { describeAetosErrorBody } from './describe-aetos-error.js';
export { AetosAuthenticationError } from './errors/aetos-authentication-error.js';
export { AetosClientOptionsError } from './errors/aetos-client-options-error.js';
export {
  type AetosClientLogger,
  type AetosClientOptions,
  aetosClientOptionsSchema,
  normalizeAetosClientOptions,
} from './options.js';
export { isUnknownTimeArgument, TIME_PARAMETERS, type TimeParameter } from './time-parameter.js';
