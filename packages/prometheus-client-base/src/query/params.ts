/**
 * Query-string parameters of one API call: a name with several values (`match[]`) is repeated.
 * What `PrometheusClientBase.get` receives; `encodeQueryParams` writes it.
 */
export type QueryParams = Record<string, string | readonly string[]>;

/**
 * The parameters of normalised options: strings as they are, a list under `<name>[]` (as Prometheus names
 * repeated parameters); the signal and unset options are left out rather than sent empty.
 */
export function toSearchParams(options: object): QueryParams {
  const params: QueryParams = {};
  for (const [name, value] of Object.entries(options)) {
    if (typeof value === 'string') params[name] = value;
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      params[`${name}[]`] = value;
    }
  }
  return params;
}

/** `a=1&match%5B%5D=x&match%5B%5D=y`: the query string of `params`, repeated names in their order. */
export function encodeQueryParams(params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') search.append(name, value);
    else for (const item of value) search.append(name, item);
  }
  return search.toString();
}
