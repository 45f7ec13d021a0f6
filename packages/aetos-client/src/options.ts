import { normalizeInterface } from '@kitty-collect/keystone-auth';
import { z } from 'zod';
import { AetosClientOptionsError } from './errors/aetos-client-options-error.js';
import { TIME_PARAMETERS } from './time-parameter.js';

/** Where the client says, once, that it turned to `@` pinning (pino's `logger.info(details, message)` fits). */
export interface AetosClientLogger {
  info(details: Record<string, unknown>, message: string): void;
}

export const aetosClientOptionsSchema = z.strictObject({
  /** `public` (default), `internal` or `admin`, as `[collector_aetos] interface`. */
  interface: z
    .string()
    .default('public')
    .transform((value, ctx) => {
      try {
        return normalizeInterface(value);
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: `expected public, internal or admin, got ${JSON.stringify(value)}`,
        });
        return z.NEVER;
      }
    }),
  /** `[collector_aetos] region_name`. */
  regionName: z.string().min(1).optional(),
  serviceType: z.string().min(1).default('metric-storage'),
  /** Skip the catalog: e.g. `http://aetos.example/prometheus`. */
  endpointOverride: z.url().optional(),
  /** Seconds per request. */
  timeout: z.number().positive().default(60),
  /** Retries on network errors. */
  retries: z.number().int().nonnegative().default(2),
  /**
   * How instant queries carry their evaluation time: `auto` (default) sends `time`/`timeout` and, at Aetos
   * 1.0's `Unknown argument: "time"`, pins queries with `@` for the client's life; `query` always sends
   * them (Aetos ≥ 2.0); `at-modifier` always pins (Aetos 1.0). As `[collector_aetos] time_parameter`.
   */
  timeParameter: z.enum(TIME_PARAMETERS).default('auto'),
  logger: z
    .custom<AetosClientLogger>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as { info?: unknown }).info === 'function',
      { message: 'expected an object with an info(details, message) method' },
    )
    .optional(),
});

export type AetosClientOptions = z.input<typeof aetosClientOptionsSchema>;
export type NormalizedAetosClientOptions = z.output<typeof aetosClientOptionsSchema>;

export function normalizeAetosClientOptions(options: AetosClientOptions): NormalizedAetosClientOptions {
  const parsed = aetosClientOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const option = String(issue?.path[0] ?? 'options');
  throw new AetosClientOptionsError(option, issue?.message ?? 'invalid');
}
