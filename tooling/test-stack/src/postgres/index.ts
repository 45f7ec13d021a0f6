export type { RunningPostgres, StartPostgresOptions } from './launcher.js';
export { startPostgres } from './launcher.js';
