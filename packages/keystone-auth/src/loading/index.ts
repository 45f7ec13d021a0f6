export { type AdapterConf, adapterConfSchema, type LoadedAdapterOptions } from './adapter-options.js';
export { AUTH_TYPES, type AuthOptions, type AuthType, authOptionsSchema } from './auth-options.js';
export { type CloudsYamlConfig, type CloudsYamlOptions, loadFromCloudsYaml } from './clouds-yaml.js';
export type { Environment } from './clouds-yaml-files.js';
export { type ConfSectionConfig, type ConfSectionOptions, loadFromConfSection } from './conf-section.js';
export { ENVIRONMENT_VARIABLES, loadFromEnvironment } from './environment.js';
export { type LoadAuthOptions, loadAuth } from './load-auth.js';
export {
  type ExtraSessionOptions,
  type FromOptionsOptions,
  loadAdapterOptionsFromOptions,
  loadAuthFromOptions,
  loadSessionFromOptions,
  loadSessionOptionsFromOptions,
} from './load-from-options.js';
export type { LoadedConfig } from './loaded-config.js';
export {
  ADAPTER_OPTION_NAMES,
  AUTH_OPTION_NAMES,
  CONF_SECTION_OPTION_NAMES,
  OPTION_ALIASES,
  SESSION_OPTION_NAMES,
} from './option-names.js';
export { type LoadedSessionOptions, type SessionConf, sessionConfSchema } from './session-options.js';
