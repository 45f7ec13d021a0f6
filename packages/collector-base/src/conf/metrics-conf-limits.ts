import { z } from 'zod';
import { formatIssuePath } from './issue-path.js';

/** Bounds on what reading a metrics.yml may cost; a metrics.yml is a few kilobytes. */
export interface MetricsConfLimits {
  /** Largest file, in bytes; checked before reading (default 1 MiB). */
  maxBytes: number;
  /** Most YAML tokens (keys, values, punctuation, spaces), counted before the document is built. */
  maxTokens: number;
  /** Deepest nesting of mappings and lists (a metrics.yml needs 5). */
  maxDepth: number;
  /**
   * Aliases: how many aliased nodes one anchor may produce, as the `yaml` library's `maxAliasCount`
   * (references × the aliases inside the anchor).
   */
  maxAliasCount: number;
}

export const DEFAULT_METRICS_CONF_LIMITS: Readonly<MetricsConfLimits> = Object.freeze({
  maxBytes: 1_048_576,
  maxTokens: 100_000,
  maxDepth: 32,
  maxAliasCount: 100,
});

const limit = z
  .number({ error: (issue) => `expected a positive whole number, got ${String(issue.input)}` })
  .int({ error: (issue) => `expected a positive whole number, got ${String(issue.input)}` })
  .positive({ error: (issue) => `expected a positive whole number, got ${String(issue.input)}` })
  .optional();

const limitsSchema = z.looseObject({
  maxBytes: limit,
  maxTokens: limit,
  maxDepth: limit,
  maxAliasCount: limit,
});

/** The limits of `options` over the defaults; a bad limit is a programming error (RangeError). */
export function resolveLimits(
  options: Partial<MetricsConfLimits> | undefined,
  caller: string,
): MetricsConfLimits {
  const parsed = limitsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
    throw new RangeError(`${caller} options: ${problems.join('; ')}`);
  }
  const limits = { ...DEFAULT_METRICS_CONF_LIMITS };
  for (const key of Object.keys(DEFAULT_METRICS_CONF_LIMITS) as (keyof MetricsConfLimits)[]) {
    const value = parsed.data[key];
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}
