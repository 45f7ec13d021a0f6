import { type AetosFailureMode, FAILURE_MODES } from '../failure.js';
import type { GatewayResponse } from '../http/responses.js';
import type { AetosRequestRecord } from '../records.js';

/**
 * Test-only HTTP paths, outside Aetos' API and never recorded, for tests running in other processes than the
 * gateway (vitest workers while the gateway lives in the global setup):
 * - `GET  /__test__/requests`            → 200 `{"requests": AetosRequestRecord[], "validations": number}`
 * - `POST /__test__/reset`               → 204; forgets the records and the validation count
 * - `POST /__test__/reset?cache=1`       → 204; also empties the validation cache (tokens are checked anew)
 * - `POST /__test__/failure?mode=<mode>` → 204; see AetosFailureMode (400 for an unknown mode)
 */
export const TEST_PATH_PREFIX = '/__test__/';

export interface TestEndpointTarget {
  records(): AetosRequestRecord[];
  validations(): number;
  reset(options: { cache: boolean }): void;
  setFailure(mode: AetosFailureMode): void;
}

export interface TestRecordsBody {
  requests: AetosRequestRecord[];
  validations: number;
}

const json = (status: number, value: unknown): GatewayResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

const noContent: GatewayResponse = { status: 204, headers: {}, body: '' };

export function handleTestRequest(
  method: string,
  path: string,
  search: string,
  target: TestEndpointTarget,
): GatewayResponse {
  const params = new URLSearchParams(search);
  const route = `${method} ${path}`;
  if (route === 'GET /__test__/requests') {
    const body: TestRecordsBody = { requests: target.records(), validations: target.validations() };
    return json(200, body);
  }
  if (route === 'POST /__test__/reset') {
    const cache = params.get('cache');
    target.reset({ cache: cache === '1' || cache === 'true' });
    return noContent;
  }
  if (route === 'POST /__test__/failure') {
    const mode = params.get('mode') as AetosFailureMode | null;
    if (mode === null || !FAILURE_MODES.includes(mode)) {
      return json(400, { error: `mode must be one of ${FAILURE_MODES.join(', ')}` });
    }
    target.setFailure(mode);
    return noContent;
  }
  return json(404, { error: `no test endpoint ${route}` });
}
