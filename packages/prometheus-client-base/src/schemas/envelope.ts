import { z } from 'zod';
import { queryDataSchema } from './result.js';

export const successResponseSchema = z.object({
  status: z.literal('success'),
  data: queryDataSchema,
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
});

export const errorResponseSchema = z.object({
  status: z.literal('error'),
  errorType: z.string(),
  error: z.string(),
});

export type PrometheusSuccessResponse = z.infer<typeof successResponseSchema>;
export type PrometheusErrorResponse = z.infer<typeof errorResponseSchema>;
