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

const instantVectorSampleShape = z.object({ metric: labelsSchema, value: samplePairSchema });
const rangeVectorSeriesShape = z.object({ metric: labelsSchema, values: z.array(samplePairSchema) });

function isSamplePair(value: unknown): value is SamplePair {
  return (
    Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'string'
  );
}

function isLabels(value: unknown): value is Labels {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const label in value) {
    if (typeof (value as Record<string, unknown>)[label] !== 'string') return false;
  }
  return true;
}

/**
 * A series checked where it lies instead of copied: a batched answer holds
 * hundreds of thousands of them, and copying each one doubled the memory an
 * answer takes while it is formatted. Unknown fields stay on the object. A
 * series of the wrong shape is checked again by the copying schema, so its
 * issues name the exact path (`data.result[3].value[1]`).
 */
function checkedInPlace<Shape extends z.ZodType>(shape: Shape, isValid: (value: unknown) => boolean) {
  return z.custom<z.output<Shape>>().superRefine((value, context) => {
    if (isValid(value)) return;
    for (const { message, path } of shape.safeParse(value).error?.issues ?? []) {
      context.addIssue({ code: 'custom', message, path });
    }
  });
}

export const instantVectorSampleSchema = checkedInPlace(
  instantVectorSampleShape,
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    isLabels((value as { metric?: unknown }).metric) &&
    isSamplePair((value as { value?: unknown }).value),
);

export const rangeVectorSeriesSchema = checkedInPlace(rangeVectorSeriesShape, (value) => {
  if (typeof value !== 'object' || value === null) return false;
  const { metric, values } = value as { metric?: unknown; values?: unknown };
  return isLabels(metric) && Array.isArray(values) && values.every(isSamplePair);
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
