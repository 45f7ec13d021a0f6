import { z } from 'zod';
import { timeSchema } from './formats.js';
import { signalSchema } from './options.js';

/** One series selector (`match[]`): `up`, `{job="node"}`, `ceilometer_cpu{project_id="…"}`. */
const selectorSchema = z
  .string()
  .refine((selector) => selector.trim() !== '', 'must be a non-empty series selector');

/** Prometheus' `limit` (0: no limit); older versions (Debian's 2.42) ignore it. */
const limitSchema = z
  .number()
  .int()
  .nonnegative()
  .transform((limit) => String(limit));

/** A label name as Prometheus 2 accepts it; `__name__` is one. */
export const labelNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a label name ([A-Za-z_][A-Za-z0-9_]*)');

const rangeAndLimit = {
  start: timeSchema.optional(),
  end: timeSchema.optional(),
  limit: limitSchema.optional(),
  signal: signalSchema.optional(),
};

/** `GET series`: at least one selector. */
export const seriesOptionsSchema = z.object({
  match: z.array(selectorSchema).min(1, 'at least one series selector is required'),
  ...rangeAndLimit,
});

/** `GET labels`: selectors optional. */
export const labelNamesOptionsSchema = z.object({
  match: z.array(selectorSchema).optional(),
  ...rangeAndLimit,
});

/** `GET label/<name>/values`: the name is validated here and percent-encoded into the path. */
export const labelValuesOptionsSchema = labelNamesOptionsSchema.extend({ name: labelNameSchema });

/** What getSeries accepts besides the selectors. */
export type SeriesOptions = Omit<z.input<typeof seriesOptionsSchema>, 'match'>;
/** What getLabelNames and getLabelValues accept. */
export type LabelOptions = z.input<typeof labelNamesOptionsSchema>;
