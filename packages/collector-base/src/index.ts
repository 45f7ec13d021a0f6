export { BaseCollector, type BaseCollectorOptions, type RetrieveResult } from './collector/base-collector.js';
export { baseCollectorOptionsSchema, parseCollectorOptions } from './collector/collector-options.js';
export { type CollectorLogger, silentLogger, stderrLogger } from './collector/logger.js';
export { formatIssuePath } from './conf/issue-path.js';
export {
  type LoadMetricsConfOptions,
  loadMetricsConf,
  type ParseMetricsConfOptions,
  parseMetricsConf,
  type RawMetricsConf,
} from './conf/load-metrics-conf.js';
export { DEFAULT_METRICS_CONF_LIMITS, type MetricsConfLimits } from './conf/metrics-conf-limits.js';
export { type NameRule, type NameRules, nameProblem } from './conf/name-rules.js';
export { formatCount, QUOTED_VALUE_MAX, quoteValue } from './conf/quote-value.js';
export { ALT_NAME_SEPARATOR, metricNameOf, ratingTypeKey } from './conf/rating-type-key.js';
export {
  type MetricsConf,
  nonEmptyString,
  type RatingType,
  ratingTypeSchema,
  unknownOptionsMessage,
} from './conf/rating-type-schema.js';
export {
  DEFAULT_SCOPE_KEY,
  MAX_LISTED_ISSUES,
  type ValidateMetricsConfOptions,
  validateConf,
  validateMetricsConf,
} from './conf/validate-metrics-conf.js';
export { type CalendarGroupby, calendarGroupby } from './dataframe/calendar.js';
export {
  DataFrame,
  type DataFrameInit,
  type DataFrameJSON,
  dataFrameJsonSchema,
} from './dataframe/data-frame.js';
export {
  DataPoint,
  type DataPointInit,
  type DataPointJSON,
  type DecimalInput,
  dataPointJsonSchema,
} from './dataframe/data-point.js';
export { isoformatUtc } from './dataframe/iso-time.js';
export { isDecimalText } from './decimal/decimal-text.js';
export {
  Decimal,
  divideRounded,
  ExactDecimal,
  roundSignificant,
  SIGNIFICANT_DIGITS,
} from './decimal/exact-decimal.js';
export { describeType, Fraction } from './decimal/fraction.js';
export { CollectError, type CollectErrorContext } from './errors/collect-error.js';
export { CollectorError } from './errors/collector-error.js';
export { FractionSyntaxError } from './errors/fraction-syntax-error.js';
export { type ConfigurationIssue, InvalidConfiguration } from './errors/invalid-configuration.js';
export { NoDataCollected } from './errors/no-data-collected.js';
export { SkipExpressionError } from './errors/skip-expression-error.js';
export { SkipExpressionEvaluationError } from './errors/skip-expression-evaluation-error.js';
export { type CompareOperator, SkipExpression, type SkipNode } from './skip-expression/ast.js';
export {
  type EvaluateSkipExpressionOptions,
  evaluateSkipExpression,
} from './skip-expression/evaluate-skip-expression.js';
export { MAX_SKIP_EXPRESSION_LENGTH, MAX_SKIP_EXPRESSION_NESTING } from './skip-expression/limits.js';
export { parseSkipExpression } from './skip-expression/parse-skip-expression.js';
export { convertUnit } from './units/convert.js';
export { MUTATORS, type Mutator, mutate } from './units/mutate.js';
export { MutateMap } from './units/mutate-map.js';
export { type ParsedSample, parseSample } from './units/sample.js';
