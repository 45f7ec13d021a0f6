import { type RunningAetosGateway, startAetosGateway } from '../aetos/gateway.js';
import type { RunningAetosStack } from '../aetos/stack.js';

/** A second gateway answering like Aetos 1.0, on the stack's Keystone and Prometheus (tests only). */
export function startV1GatewayBeside(
  stack: RunningAetosStack,
  options: { projectLabel?: string } = {},
): Promise<RunningAetosGateway> {
  const svcOnly = stack.keystone.fixtures.users.svcOnly;
  return startAetosGateway({
    ...options,
    version: '1.0',
    keystone: {
      authUrl: stack.keystone.authUrl,
      serviceUser: { username: svcOnly.name, password: svcOnly.password, project: 'service' },
    },
    prometheusUrl: stack.prometheus.baseUrl,
  });
}
