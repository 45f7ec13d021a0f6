export type { HttpResponse } from '@kitty-collect/http-request';
export { AccessInfo, type IdentityRef } from './access/access-info.js';
export { INTERFACES, type Interface, normalizeInterface } from './access/interface.js';
export { keystoneErrorMessage } from './access/keystone-error-message.js';
export { type EndpointFilter, ServiceCatalog } from './access/service-catalog.js';
export {
  type CatalogEndpoint,
  type CatalogService,
  type TokenResponse,
  tokenResponseSchema,
} from './access/token-response.js';
export { AuthorizationFailure, type AuthorizationFailureDetails } from './errors/authorization-failure.js';
export { CloudsYamlError, type CloudsYamlErrorDetails } from './errors/clouds-yaml-error.js';
export {
  EndpointNotFound,
  type EndpointNotFoundDetails,
  type OfferedEndpoint,
} from './errors/endpoint-not-found.js';
export {
  InvalidTokenError,
  type InvalidTokenErrorDetails,
  type InvalidTokenReason,
} from './errors/invalid-token-error.js';
export { KeystoneAuthError } from './errors/keystone-auth-error.js';
export {
  KeystoneConfigError,
  type KeystoneConfigErrorDetails,
  type KeystoneOptionLocation,
} from './errors/keystone-config-error.js';
export { KeystoneUnavailable, type KeystoneUnavailableDetails } from './errors/keystone-unavailable.js';
export { TokenValidationError, type TokenValidationErrorDetails } from './errors/token-validation-error.js';
export {
  ApplicationCredentialAuth,
  type ApplicationCredentialAuthOptions,
} from './identity/application-credential.js';
export { AuthPlugin, type TokenRequestBody } from './identity/auth-plugin.js';
export { normalizeAuthUrl } from './identity/auth-url.js';
export { PasswordAuth, type PasswordAuthOptions } from './identity/password.js';
export type { Scope, ScopeOptions } from './identity/scope.js';
export { TokenAuth, type TokenAuthOptions } from './identity/token.js';
export type { UserOptions, UserRef } from './identity/user-ref.js';
export * from './loading/index.js';
export type { AdapterOptions, ClientOptions, SessionRequestOptions } from './session/adapter-options.js';
export type { ServiceClient } from './session/service-client.js';
export { Session } from './session/session.js';
export type { SessionLogger, SessionOptions } from './session/session-options.js';
export { MAX_TOKEN_LENGTH } from './validation/token-syntax.js';
export { TokenValidator } from './validation/token-validator.js';
export type { TokenValidatorOptions } from './validation/token-validator-options.js';
export type { ValidatedToken } from './validation/validated-token.js';
export type { ValidatorSession } from './validation/validator-session.js';
