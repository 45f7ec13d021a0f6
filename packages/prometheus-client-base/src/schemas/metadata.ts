import { z } from 'zod';
import { successResponseSchema } from './envelope.js';
import { labelsSchema } from './result.js';

/** `GET series`: the label sets of the matching series. */
export const seriesResponseSchema = successResponseSchema.extend({ data: z.array(labelsSchema) });

/** `GET labels` and `GET label/<name>/values`: a list of strings (label names, or one label's values). */
export const labelListResponseSchema = successResponseSchema.extend({ data: z.array(z.string()) });

export type PrometheusSeriesResponse = z.infer<typeof seriesResponseSchema>;
export type PrometheusLabelListResponse = z.infer<typeof labelListResponseSchema>;
