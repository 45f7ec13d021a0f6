import type { PointSelection } from '../shared/point-selection.js';

/** Named parameters of the conditions (better-sqlite3 binds `@name`). */
export interface SelectionParameters {
  begin?: number;
  end?: number;
  scopeIds?: string;
  types?: string;
  filters?: string;
}

/**
 * A filter matches a point whose groupby OR metadata has that key with one of its values (CloudKitty's v2
 * storage: Elasticsearch/OpenSearch `should` over `groupby.k` and `metadata.k`; InfluxDB `"k"='a' OR
 * "k"='b'` on a tag or a field); every filter must match. Filters, scope ids and types are bound as one JSON
 * text each (json_each), so the SQL does not depend on how many there are, and any key is matched
 * literally (no JSON path to escape).
 */
const FILTERS_MATCH = `NOT EXISTS (
      SELECT 1 FROM json_each(@filters) AS f
      WHERE NOT EXISTS (
          SELECT 1 FROM json_each(p.groupby) AS g
          WHERE g.key = f.key AND g.value IN (SELECT value FROM json_each(f.value)))
        AND NOT EXISTS (
          SELECT 1 FROM json_each(p.metadata) AS m
          WHERE m.key = f.key AND m.value IN (SELECT value FROM json_each(f.value)))
    )`;

/**
 * `FROM points AS p JOIN dataframes AS d … WHERE …` for a selection. A period is selected when it lies
 * within [begin, end] (CloudKitty's Elasticsearch/OpenSearch backends: start >= begin and end <= end).
 */
export function selectPoints(selection: PointSelection): { from: string; parameters: SelectionParameters } {
  const conditions: string[] = [];
  const parameters: SelectionParameters = {};
  if (selection.begin !== undefined) {
    conditions.push('d.begin >= @begin');
    parameters.begin = selection.begin.getTime();
  }
  if (selection.end !== undefined) {
    conditions.push('d.end <= @end');
    parameters.end = selection.end.getTime();
  }
  if (selection.scopeIds !== undefined) {
    conditions.push('d.scope_id IN (SELECT value FROM json_each(@scopeIds))');
    parameters.scopeIds = JSON.stringify(selection.scopeIds);
  }
  if (selection.types !== undefined) {
    conditions.push('p.type IN (SELECT value FROM json_each(@types))');
    parameters.types = JSON.stringify(selection.types);
  }
  if (selection.filters !== undefined && Object.keys(selection.filters).length > 0) {
    conditions.push(FILTERS_MATCH);
    parameters.filters = JSON.stringify(selection.filters);
  }
  const from = `FROM points AS p JOIN dataframes AS d ON d.id = p.dataframe_id${
    conditions.length > 0 ? `\n    WHERE ${conditions.join('\n      AND ')}` : ''
  }`;
  return { from, parameters };
}
