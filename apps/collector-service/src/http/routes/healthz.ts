import { redactText, redactValue } from '../../service/logger.js';
import type { RouteHandler } from '../api-types.js';
import { jsonResponse } from '../api-types.js';
import type { HealthCheck } from '../health.js';

/**
 * GET /healthz: 200 `{"status": "ok", …details}` or 503 `{"status": "unhealthy", …}`. A check that
 * throws is unhealthy too (with its message), so a broken check never reads as healthy. Details (the last
 * pass's errors among them) are redacted: URLs without userinfo or query, secret-named fields censored.
 */
export function healthzRoute(check: HealthCheck): RouteHandler {
  return async () => {
    let healthy: boolean;
    let details: Record<string, unknown>;
    try {
      const health = await check();
      healthy = health.healthy;
      details = redactValue(health.details ?? {}) as Record<string, unknown>;
    } catch (error) {
      healthy = false;
      details = { error: redactText(error instanceof Error ? error.message : String(error)) };
    }
    const status = healthy ? 'ok' : 'unhealthy';
    // `status` first and never overridden by a detail of the same name.
    return jsonResponse(healthy ? 200 : 503, Object.assign({ status }, details, { status }));
  };
}
