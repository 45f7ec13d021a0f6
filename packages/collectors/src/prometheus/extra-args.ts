import { unknownOptionsMessage } from '@kitty-collect/collector-base';
import { z } from 'zod';

export const AGGREGATION_METHODS = ['avg', 'count', 'max', 'min', 'stddev', 'stdvar', 'sum'] as const;
export const QUERY_FUNCTIONS = [
  'abs',
  'ceil',
  'exp',
  'floor',
  'ln',
  'log2',
  'log10',
  'round',
  'sqrt',
] as const;
export const RANGE_FUNCTIONS = ['changes', 'delta', 'deriv', 'idelta', 'irange', 'irate', 'rate'] as const;

const oneOf = (values: readonly string[]) => () => `expected one of ${values.join(', ')}`;

/** The `extra_args` of a rating type for the Prometheus and Aetos collectors (CloudKitty's PROMETHEUS_EXTRA_SCHEMA). */
export const prometheusExtraArgsSchema = z.strictObject(
  {
    aggregation_method: z.enum(AGGREGATION_METHODS, { error: oneOf(AGGREGATION_METHODS) }).default('max'),
    query_function: z.enum(QUERY_FUNCTIONS, { error: oneOf(QUERY_FUNCTIONS) }).optional(),
    range_function: z.enum(RANGE_FUNCTIONS, { error: oneOf(RANGE_FUNCTIONS) }).optional(),
    query_prefix: z.string({ error: 'expected a string' }).default(''),
    query_suffix: z.string({ error: 'expected a string' }).default(''),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? unknownOptionsMessage(issue.keys) : 'expected a mapping',
  },
);

export type PrometheusExtraArgs = z.output<typeof prometheusExtraArgsSchema>;
