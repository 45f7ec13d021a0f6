import { DataFrame, type DataFrameJSON, DataPoint, isDecimalText } from '@kitty-collect/collector-base';
import { z } from 'zod';
import { PeriodConflictError } from '../../storage/errors/period-conflict-error.js';
import type { Storage, StoredDataFrameQuery } from '../../storage/storage.js';
import type { ApiAccess } from '../access.js';
import { jsonResponse, noContent, type RouteHandler } from '../api-types.js';
import { HttpError } from '../errors/http-error.js';
import { instantField } from '../params/body-fields.js';
import { dictParam, instantParam, integerParam } from '../params/param-schemas.js';
import { parseBody } from '../params/parse-body.js';
import { parseQuery } from '../params/parse-query.js';
import { requestedRange } from '../params/requested-range.js';
import { decimalNumber } from '../wire-json.js';
import { noResourceFound } from './not-found.js';

/** Points per page at most (CloudKitty sets no maximum; an unbounded page could exhaust memory). */
export const MAX_LIMIT = 1000;

const dataframesQuerySchema = z.object({
  begin: instantParam(),
  end: instantParam(),
  filters: dictParam(),
  limit: integerParam(1, MAX_LIMIT, 100),
  offset: integerParam(0, Number.MAX_SAFE_INTEGER, 0),
});

/**
 * GET /v2/dataframes, as CloudKitty's v2 API (cloudkitty/api/v2/dataframes): `begin` and `end` default
 * to the current month (UTC); `filters` match groupby or metadata, except `type` which selects the rating
 * type; `total`, `limit` and `offset` count data points; the page's points come grouped by period; no
 * match at all is a 404. Quantities and prices are JSON numbers written from the stored decimals.
 */
export function getDataframesRoute(storage: Storage, now: () => Date, access: ApiAccess): RouteHandler {
  return async (request) => {
    const params = parseQuery(request.url.searchParams, dataframesQuerySchema);
    const own = access.ownUsage(request.context);
    // CloudKitty master: an unscoped non-admin sees nothing (200, not 404).
    if (own.kind === 'none') return jsonResponse(200, { total: 0, dataframes: [] });
    const filters = new Map(params.filters);
    const type = filters.get('type');
    filters.delete('type');
    if (own.kind === 'project') filters.set(own.key, own.value);
    const query: StoredDataFrameQuery = {
      ...requestedRange(params, now()),
      filters: Object.fromEntries(filters),
      limit: params.limit,
      offset: params.offset,
      ...(type !== undefined && { types: [type] }),
    };
    const result = await storage.queryDataFrames(query);
    if (result.total < 1) throw noResourceFound();
    return jsonResponse(200, { total: result.total, dataframes: result.dataframes.map(wireDataFrame) });
  };
}

/** A stored frame with its quantities and prices as JSON numbers. */
export function wireDataFrame(frame: DataFrameJSON) {
  return {
    period: frame.period,
    usage: Object.fromEntries(
      Object.entries(frame.usage).map(([type, points]) => [
        type,
        points.map((point) => ({
          vol: { unit: point.vol.unit, qty: decimalNumber(point.vol.qty) },
          rating: { price: decimalNumber(point.rating.price) },
          groupby: point.groupby,
          metadata: point.metadata,
        })),
      ]),
    ),
  };
}

/** A decimal as CloudKitty takes it (`Coerce(str)`): a JSON number or a string holding one. */
const decimalInput = z
  .union([z.number(), z.string()], { error: 'expected a number' })
  .transform((value, ctx) => {
    const text = typeof value === 'number' ? String(value) : value;
    if (!Number.isFinite(Number(text)) || !isDecimalText(text)) {
      ctx.issues.push({
        code: 'custom',
        message: `expected a number, got ${JSON.stringify(value)}`,
        input: value,
      });
      return z.NEVER;
    }
    return text.trim();
  });

const labels = z.record(z.string(), z.string({ error: 'expected a string value' }));

/** CloudKitty's DATAPOINT_SCHEMA: `rating` and its `price` default to 0; no other key. */
const pointSchema = z.strictObject({
  vol: z.strictObject({ unit: z.string(), qty: decimalInput }),
  rating: z.strictObject({ price: decimalInput.default('0') }).default({ price: '0' }),
  groupby: labels,
  metadata: labels,
});

/** CloudKitty's DATAFRAME_SCHEMA. */
const frameSchema = z
  .strictObject({
    period: z.strictObject({ begin: instantField, end: instantField }),
    usage: z.record(z.string(), z.array(pointSchema)),
  })
  .refine((frame) => frame.period.end > frame.period.begin, {
    message: 'the period must end after it begins',
    path: ['period', 'end'],
  });

const postBodySchema = z.strictObject({ dataframes: z.array(frameSchema) });

/**
 * POST /v2/dataframes: frames into the storage, as CloudKitty's (204, empty body); a point with the key
 * of a stored one — same period begin, rating type and groupby — replaces it. Each point is stored under
 * the scope of its `[collect] scope_key` label. Scope states are not touched: the loop's are its own.
 */
export function postDataframesRoute(storage: Storage, scopeKey: string): RouteHandler {
  return async (request) => {
    const body = parseBody(await request.json(), postBodySchema);
    if (body.dataframes.length === 0) throw new HttpError(400, 'Parameter dataframes must not be empty.');
    const frames = body.dataframes.map(
      (frame) =>
        new DataFrame({
          start: frame.period.begin,
          end: frame.period.end,
          usage: Object.entries(frame.usage).map(([type, points]) => [
            type,
            points.map(
              (point) =>
                new DataPoint({
                  unit: point.vol.unit,
                  qty: point.vol.qty,
                  price: point.rating.price,
                  groupby: point.groupby,
                  metadata: point.metadata,
                }),
            ),
          ]),
        }),
    );
    try {
      await storage.addDataFrames(frames, scopeKey);
    } catch (error) {
      if (error instanceof PeriodConflictError) throw new HttpError(409, error.message);
      throw error;
    }
    return noContent();
  };
}
