export type { QueryArguments } from './arguments.js';
export type { AetosGatewayRecords } from './control/records-client.js';
export { gatewayRecords } from './control/records-client.js';
export type { AetosFailureMode } from './failure.js';
export { FAILURE_MODES } from './failure.js';
export type { RunningAetosGateway } from './gateway.js';
export { startAetosGateway } from './gateway.js';
export type { TokenIdentity } from './keystone/identity.js';
export type { ServiceUserCredentials } from './keystone/token-validator.js';
export type { AetosVersion, StartAetosGatewayOptions } from './options.js';
export type { QueryAccess } from './policy.js';
export { decideQueryAccess } from './policy.js';
export { promqlString, restrictQueryToProject } from './promql/restrict.js';
export type { AetosRequestRecord } from './records.js';
export type { AetosStack, AetosStackInfo, RunningAetosStack, StartAetosStackOptions } from './stack.js';
export {
  AETOS_VERSION_VARIABLE,
  aetosCatalogEndpoints,
  aetosReleaseProjects,
  aetosVersionUnderTest,
  startAetosGatewayInCatalog,
  startAetosStack,
} from './stack.js';
