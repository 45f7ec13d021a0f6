import type { z } from 'zod';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import { collectQuery } from './query-params.js';

/**
 * The edge of an endpoint: its query string → typed parameters, or a 400 naming every bad parameter.
 * The parameters an endpoint knows are its schema's keys.
 */
export function parseQuery<Shape extends z.ZodRawShape>(
  params: URLSearchParams,
  schema: z.ZodObject<Shape>,
): z.output<z.ZodObject<Shape>> {
  const raw = collectQuery(params, Object.keys(schema.shape));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new InvalidParameterError(
    parsed.error.issues.map((issue) => ({ parameter: String(issue.path[0] ?? '?'), message: issue.message })),
  );
}
