export * from './cli/exit-codes.js';
export { runCli } from './cli/run-cli.js';
export * from './config/index.js';
export * from './fetchers/index.js';
export { type CollectedPeriod, collectPeriod, type PeriodRequest } from './orchestrator/collect-period.js';
export { Limiter } from './orchestrator/limiter.js';
export {
  Orchestrator,
  type OrchestratorOptions,
  type PeriodEvent,
  type RunSummary,
  type ScopeCoordination,
} from './orchestrator/orchestrator.js';
export { backoffSeconds, duePeriods, isDue, monthStart, type PeriodRules } from './orchestrator/periods.js';
export * from './policy/index.js';
export { buildCollector, type ServiceCollector } from './service/build-collector.js';
export * from './storage/index.js';
