/** What the gateway remembers of one request (never the token itself). */
export interface AetosRequestRecord {
  /** Arrival, ISO 8601. */
  at: string;
  method: string;
  /** Path as requested, without the query string. */
  path: string;
  /** The prefix the API was reached under ('' or e.g. '/prometheus'); null when no prefix applied. */
  prefix: string | null;
  /** Query-string parameters as received (a repeated name keeps its last value, as Aetos reads it). */
  params: Record<string, string>;
  /** Whether X-Auth-Token was sent (and not empty). */
  tokenPresent: boolean;
  /** Outcome of token validation; null when no token was sent. */
  token: {
    outcome: 'valid' | 'invalid' | 'unavailable';
    /** The validation came from the cache (no call to Keystone). */
    cached: boolean;
    userName: string | null;
    projectId: string | null;
    roles: string[];
  } | null;
  /** Aetos' policy decision; null when the request did not get that far. */
  access: 'all-projects' | 'project' | 'denied' | null;
  /** The query as sent to Prometheus (rewritten for a reader); null when nothing was sent. */
  forwardedQuery: string | null;
  /** The `match[]` selectors sent to Prometheus by the series and label endpoints (a reader's restricted). */
  forwardedMatch: string[] | null;
  /** Prometheus' HTTP status; null when it was not asked or could not be reached. */
  prometheusStatus: number | null;
  /** Status the gateway answered. */
  status: number;
  durationMs: number;
}

export class RequestLog {
  readonly records: AetosRequestRecord[] = [];

  add(record: AetosRequestRecord): void {
    this.records.push(record);
  }

  clear(): void {
    this.records.splice(0, this.records.length);
  }
}
