import type { z } from 'zod';
import { successResponseSchema } from './envelope.js';
import { matrixDataSchema } from './result.js';

/** A range query can only answer with a matrix; anything else is an invalid response. */
export const rangeSuccessResponseSchema = successResponseSchema.extend({ data: matrixDataSchema });

export type PrometheusRangeResponse = z.infer<typeof rangeSuccessResponseSchema>;
