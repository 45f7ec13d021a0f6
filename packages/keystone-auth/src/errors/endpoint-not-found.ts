import { redactUrl } from '@kitty-collect/http-request';
import { KeystoneAuthError } from './keystone-auth-error.js';

export interface OfferedEndpoint {
  serviceName?: string;
  interface: string;
  region?: string;
  url: string;
}

export interface EndpointNotFoundDetails {
  serviceType: string;
  interfaces: readonly string[];
  regionName?: string;
  serviceName?: string;
  /** What the catalog holds for that service type (possibly nothing); the URLs are redacted. */
  offered: readonly OfferedEndpoint[];
}

/** The catalog has no endpoint matching the service type, interface, region and service name asked for. */
export class EndpointNotFound extends KeystoneAuthError {
  override name = 'EndpointNotFound';
  readonly serviceType: string;
  readonly offered: readonly OfferedEndpoint[];

  constructor(details: EndpointNotFoundDetails) {
    const offeredEndpoints = details.offered.map((endpoint) => ({
      ...endpoint,
      url: redactUrl(endpoint.url),
    }));
    const wanted = [
      `interface ${details.interfaces.join(' or ')}`,
      details.regionName === undefined ? undefined : `region ${details.regionName}`,
      details.serviceName === undefined ? undefined : `service name ${details.serviceName}`,
    ]
      .filter((part) => part !== undefined)
      .join(', ');
    const offered =
      offeredEndpoints.length === 0
        ? `the catalog has no '${details.serviceType}' service`
        : `the catalog offers: ${offeredEndpoints
            .map(
              (e) =>
                `${e.interface} ${e.region ?? '(no region)'}${e.serviceName ? ` [${e.serviceName}]` : ''} ${e.url}`,
            )
            .join('; ')}`;
    super(`No '${details.serviceType}' endpoint for ${wanted}: ${offered}`);
    this.serviceType = details.serviceType;
    this.offered = offeredEndpoints;
  }
}
