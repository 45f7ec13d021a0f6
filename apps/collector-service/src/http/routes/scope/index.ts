export { getScopeRoute } from './get.js';
export { patchScopeRoute } from './patch.js';
export { postScopeRoute } from './post.js';
export { putScopeRoute } from './put.js';
export type { ScopeSource } from './scope-source.js';
