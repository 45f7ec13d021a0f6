import { z } from 'zod';
import { formatIssuePath } from '../conf/issue-path.js';
import { DEFAULT_SCOPE_KEY } from '../conf/validate-metrics-conf.js';
import { InvalidConfiguration } from '../errors/invalid-configuration.js';

/** Options every collector shares; validated once in the constructor. */
export const baseCollectorOptionsSchema = z.object({
  period: z
    .number({ error: 'expected a number of seconds' })
    .int({ error: 'expected a whole number of seconds' })
    .positive({ error: 'must be positive' }),
  conf: z.unknown(),
  scopeKey: z
    .string({ error: 'expected a label name' })
    .min(1, { error: 'must not be empty' })
    .default(DEFAULT_SCOPE_KEY),
});

/** Validates `options` with `schema`; problems become one InvalidConfiguration naming each option. */
export function parseCollectorOptions<Schema extends z.ZodType>(
  schema: Schema,
  options: unknown,
  source: string,
): z.output<Schema> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  throw new InvalidConfiguration(
    parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message })),
    { source },
  );
}
