import type { AetosFailureMode } from '../failure.js';
import type { AetosRequestRecord } from '../records.js';
import type { TestRecordsBody } from './test-endpoints.js';

/** A typed client for a gateway's test-only endpoints (see test-endpoints.ts), usable from any process. */
export interface AetosGatewayRecords {
  /** Every Aetos request the gateway received since start or the last reset. */
  requests(): Promise<AetosRequestRecord[]>;
  /** How many validation calls the gateway made to Keystone since start or the last reset. */
  validations(): Promise<number>;
  /** Forget records and the validation count; `cache: true` also forgets validated tokens. */
  reset(options?: { cache?: boolean }): Promise<void>;
  setFailure(mode: AetosFailureMode): Promise<void>;
}

/** `gatewayUrl`: the gateway's base URL; any path (e.g. a catalog URL ending in /prometheus) is ignored. */
export function gatewayRecords(gatewayUrl: string): AetosGatewayRecords {
  const origin = new URL(gatewayUrl).origin;
  const call = async (method: 'GET' | 'POST', path: string): Promise<Response> => {
    const response = await fetch(`${origin}/__test__/${path}`, { method });
    if (!response.ok) {
      throw new Error(
        `${method} ${origin}/__test__/${path} answered ${response.status}: ${await response.text()}`,
      );
    }
    return response;
  };
  const read = async () => (await (await call('GET', 'requests')).json()) as TestRecordsBody;
  return {
    requests: async () => (await read()).requests,
    validations: async () => (await read()).validations,
    reset: async (options = {}) => {
      await call('POST', options.cache ? 'reset?cache=1' : 'reset');
    },
    setFailure: async (mode) => {
      await call('POST', `failure?mode=${encodeURIComponent(mode)}`);
    },
  };
}
