/** CloudKitty's separator between a metric name and a rating type's `alt_name` in internal keys. */
export const ALT_NAME_SEPARATOR = '@#';

/** Internal key of a rating type: `name`, or `name@#alt_name`. */
export function ratingTypeKey(metricName: string, altName?: string): string {
  return altName === undefined ? metricName : `${metricName}${ALT_NAME_SEPARATOR}${altName}`;
}

/** The metric name part of an internal key (what the PromQL selects). */
export function metricNameOf(key: string): string {
  const at = key.indexOf(ALT_NAME_SEPARATOR);
  return at === -1 ? key : key.slice(0, at);
}
