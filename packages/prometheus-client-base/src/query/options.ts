import { z } from 'zod';
import { durationSchema, timeSchema } from './formats.js';

export const signalSchema = z.custom<AbortSignal>((value) => value instanceof AbortSignal, {
  message: 'expected an AbortSignal',
});

const querySchema = z
  .string()
  .refine((query) => query.trim() !== '', 'must be a non-empty PromQL expression');

export const instantQueryOptionsSchema = z.object({
  query: querySchema,
  time: timeSchema.optional(),
  /** Prometheus' evaluation timeout (the `timeout` parameter), not the client's. */
  timeout: durationSchema.optional(),
  signal: signalSchema.optional(),
});

export const rangeQueryOptionsSchema = z.object({
  query: querySchema,
  start: timeSchema,
  end: timeSchema,
  step: durationSchema,
  timeout: durationSchema.optional(),
  signal: signalSchema.optional(),
});

/** What getInstant accepts besides the query. */
export type InstantQueryOptions = Omit<z.input<typeof instantQueryOptionsSchema>, 'query'>;
/** What getRange accepts besides the query. */
export type RangeQueryOptions = Omit<z.input<typeof rangeQueryOptionsSchema>, 'query'>;
export type NormalizedInstantQuery = z.output<typeof instantQueryOptionsSchema>;
export type NormalizedRangeQuery = z.output<typeof rangeQueryOptionsSchema>;
