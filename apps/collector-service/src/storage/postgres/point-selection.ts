import type { PointSelection } from '../shared/point-selection.js';
import type { Bindings } from './bindings.js';

/**
 * A filter matches a point whose groupby OR metadata has that key with one of its values (CloudKitty's v2
 * storage backends, as the SQLite storage); every filter must match. The filters are bound as one JSON
 * object `key → values`, so the SQL does not depend on how many there are; `->>` matches the key
 * literally (no JSON path to escape).
 */
function filtersMatch(filters: string): string {
  return `NOT EXISTS (
      SELECT 1 FROM json_each(${filters}) AS f
      WHERE NOT EXISTS (
        SELECT 1 FROM json_array_elements_text(f.value) AS accepted (value)
        WHERE accepted.value = p.groupby ->> f.key OR accepted.value = p.metadata ->> f.key)
    )`;
}

/**
 * `FROM points AS p JOIN dataframes AS d … WHERE …` for a selection, its values bound. A period is
 * selected when it lies within [begin, end] (CloudKitty's Elasticsearch/OpenSearch backends).
 */
export function selectPoints(selection: PointSelection, bindings: Bindings): string {
  const conditions: string[] = [];
  if (selection.begin !== undefined)
    conditions.push(`d.begin >= ${bindings.bind(selection.begin, 'timestamptz')}`);
  if (selection.end !== undefined)
    conditions.push(`d."end" <= ${bindings.bind(selection.end, 'timestamptz')}`);
  if (selection.scopeIds !== undefined) {
    conditions.push(`d.scope_id = ANY (${bindings.bind(selection.scopeIds, 'text[]')})`);
  }
  if (selection.types !== undefined)
    conditions.push(`p.type = ANY (${bindings.bind(selection.types, 'text[]')})`);
  if (selection.filters !== undefined && Object.keys(selection.filters).length > 0) {
    conditions.push(filtersMatch(bindings.bind(JSON.stringify(selection.filters), 'json')));
  }
  return `FROM points AS p JOIN dataframes AS d ON d.id = p.dataframe_id${
    conditions.length > 0 ? `\n    WHERE ${conditions.join('\n      AND ')}` : ''
  }`;
}
