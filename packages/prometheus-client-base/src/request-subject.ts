/**
 * What one request asked Prometheus for, as its errors name it: the PromQL `query` of a query, or the series
 * selectors (`match[]`) of a series, label-names or label-values request.
 */
export interface RequestSubject {
  query?: string | undefined;
  match?: readonly string[] | undefined;
}

/** ` for query 'up'`, ` for match[] 'up', '{job="a"}'`, or nothing when the request named neither. */
export function describeSubject({ query, match }: RequestSubject): string {
  if (query !== undefined) return ` for query '${query}'`;
  if (match !== undefined && match.length > 0) {
    return ` for match[] ${match.map((selector) => `'${selector}'`).join(', ')}`;
  }
  return '';
}
