import { z } from 'zod';

/*
 * These schemas run over every series of every answer (hundreds of thousands
 * per collection), so they only check shapes: no transforms, no refinements.
 * Sample values stay strings: exact decimals are computed downstream, and
 * "NaN", "+Inf", "1e+21" must reach that code untouched.
 */

/** `[<unix seconds>, "<value>"]` */
export const samplePairSchema = z.tuple([z.number(), z.string()]);

export const labelsSchema = z.record(z.string(), z.string());

export const instantVectorSampleSchema = z.object({
  metric: labelsSchema,
  value: samplePairSchema,
});

export const rangeVectorSeriesSchema = z.object({
  metric: labelsSchema,
  values: z.array(samplePairSchema),
});

export const vectorDataSchema = z.object({
  resultType: z.literal('vector'),
  result: z.array(instantVectorSampleSchema),
});

export const matrixDataSchema = z.object({
  resultType: z.literal('matrix'),
  result: z.array(rangeVectorSeriesSchema),
});

export const scalarDataSchema = z.object({
  resultType: z.literal('scalar'),
  result: samplePairSchema,
});

export const stringDataSchema = z.object({
  resultType: z.literal('string'),
  result: samplePairSchema,
});

export const queryDataSchema = z.discriminatedUnion('resultType', [
  vectorDataSchema,
  matrixDataSchema,
  scalarDataSchema,
  stringDataSchema,
]);

export type SamplePair = z.infer<typeof samplePairSchema>;
export type Labels = z.infer<typeof labelsSchema>;
export type InstantVectorSample = z.infer<typeof instantVectorSampleSchema>;
export type RangeVectorSeries = z.infer<typeof rangeVectorSeriesSchema>;
export type VectorData = z.infer<typeof vectorDataSchema>;
export type MatrixData = z.infer<typeof matrixDataSchema>;
export type ScalarData = z.infer<typeof scalarDataSchema>;
export type StringData = z.infer<typeof stringDataSchema>;
export type QueryData = z.infer<typeof queryDataSchema>;
