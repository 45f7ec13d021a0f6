import type { z } from 'zod';
import { PrometheusQueryOptionsError } from '../errors/prometheus-query-options-error.js';

/** Validates one call's arguments; the first issue names the argument at fault. */
export function parseQueryOptions<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  throw new PrometheusQueryOptionsError(String(issue?.path[0] ?? 'options'), issue?.message ?? 'invalid');
}
