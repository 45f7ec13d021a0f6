export { AetosClient } from './AetosClient.js';
export { describeAetosErrorBody } from './describe-aetos-error.js';
export { AetosAuthenticationError } from './errors/AetosAuthenticationError.js';
export { AetosClientOptionsError } from './errors/AetosClientOptionsError.js';
export { type AetosClientOptions, aetosClientOptionsSchema, normalizeAetosClientOptions } from './options.js';
