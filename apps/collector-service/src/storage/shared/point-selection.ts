import type { StoredDataFrameQuery } from '../storage.js';

/** Which points a query reads (GET /v2/dataframes and GET /v2/summary select them alike). */
export interface PointSelection {
  begin?: Date;
  end?: Date;
  scopeIds?: readonly string[];
  types?: readonly string[];
  /** `key → values`: OR within a key, AND across keys. */
  filters?: Readonly<Record<string, readonly string[]>>;
}

/** A retrieve's selection: one accepted value per filter. */
export function retrieveSelection(query: StoredDataFrameQuery): PointSelection {
  const filters =
    query.filters === undefined
      ? undefined
      : Object.fromEntries(Object.entries(query.filters).map(([key, value]) => [key, [value]]));
  return { ...query, filters };
}
