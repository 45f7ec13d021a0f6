export {
  type AetosAccess,
  type AetosAccessToken,
  decideAetosAccess,
  requireAetosAllProjects,
} from './aetos-access.js';
export { AetosClient } from './aetos-client.js';
export { describeAetosErrorBody } from './describe-aetos-error.js';
export {
  AETOS_ALL_PROJECTS_ROLES,
  AetosAccessError,
  type AetosAccessErrorDetails,
} from './errors/aetos-access-error.js';
export { AetosAuthenticationError } from './errors/aetos-authentication-error.js';
export { AetosClientOptionsError } from './errors/aetos-client-options-error.js';
export {
  type AetosClientLogger,
  type AetosClientOptions,
  aetosClientOptionsSchema,
  normalizeAetosClientOptions,
} from './options.js';
export { isUnknownTimeArgument, TIME_PARAMETERS, type TimeParameter } from './time-parameter.js';
