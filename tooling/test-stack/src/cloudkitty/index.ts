export {
  CLOUDKITTY_CLI,
  type CloudkittyCliAuth,
  type CloudkittyCliOptions,
  type CloudkittyCliResult,
  cloudkittyCli,
  cloudkittyCliJson,
} from './cloudkitty-cli.js';
