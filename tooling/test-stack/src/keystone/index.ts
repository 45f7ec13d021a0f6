export type {
  IssuedToken,
  IssueTokenOptions,
  KeystoneCatalogEndpoint,
  KeystoneCatalogEntry,
  KeystoneDomainRef,
  KeystoneErrorBody,
  KeystoneNamedRef,
  KeystoneRequest,
  KeystoneResponse,
  KeystoneScope,
  KeystoneTokenBody,
  KeystoneUserRef,
  ValidateTokenResult,
} from './api.js';
export {
  buildAuthRequest,
  issueToken,
  KeystoneHttpError,
  keystoneRequest,
  revokeToken,
  validateToken,
} from './api.js';
export type {
  KeystoneApplicationCredentialFixture,
  KeystoneAssignmentTarget,
  KeystoneDomainFixture,
  KeystoneEndpointFixture,
  KeystoneEndpointSpec,
  KeystoneFixtures,
  KeystoneProjectFixture,
  KeystoneRoleAssignmentFixture,
  KeystoneRoleFixture,
  KeystoneServiceFixture,
  KeystoneUserFixture,
} from './fixtures.js';
export { DEFAULT_METRIC_STORAGE_ENDPOINTS } from './fixtures.js';
export type { KeystoneStartupTimings, RunningKeystone, StartKeystoneOptions } from './launcher.js';
export { setMetricStorageEndpoints, startKeystone } from './launcher.js';
export { TEST_STACK_SECRETS } from './secrets.js';
