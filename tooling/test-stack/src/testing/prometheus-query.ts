/** Minimal typed view of Prometheus' instant-query answer, enough for assertions in this package's tests. */
export interface VectorResult {
  metric: Record<string, string>;
  value: [number, string];
}

interface QueryResponse {
  status: string;
  data?: { resultType: string; result: VectorResult[] };
  error?: string;
}

export async function instantQuery(apiUrl: string, query: string, time: string): Promise<VectorResult[]> {
  const url = `${apiUrl}/query?${new URLSearchParams({ query, time })}`;
  const response = await fetch(url);
  const body = (await response.json()) as QueryResponse;
  if (response.status !== 200 || body.status !== 'success' || !body.data) {
    throw new Error(`query ${query} failed: HTTP ${response.status} ${JSON.stringify(body)}`);
  }
  if (body.data.resultType !== 'vector') throw new Error(`expected a vector, got ${body.data.resultType}`);
  return body.data.result;
}

/** Results sorted by a label so assertions do not depend on Prometheus' output order. */
export function byLabel(results: VectorResult[], label: string): VectorResult[] {
  return [...results].sort((a, b) => (a.metric[label] ?? '').localeCompare(b.metric[label] ?? ''));
}
