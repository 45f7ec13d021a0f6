import { EndpointNotFound, type OfferedEndpoint } from '../errors/endpoint-not-found.js';
import { type Interface, normalizeInterface } from './interface.js';
import type { CatalogService } from './token-response.js';

export interface EndpointFilter {
  serviceType: string;
  /** One interface, or several in order of preference. Default `public`. */
  interface?: string | readonly string[];
  regionName?: string;
  serviceName?: string;
}

/** The service catalog that came with a token: endpoint selection by type, interface, region and name. */
export class ServiceCatalog {
  readonly services: readonly CatalogService[];

  constructor(services: readonly CatalogService[]) {
    this.services = services;
  }

  /** The URL of the first matching endpoint, trying interfaces in the given order. */
  urlFor(filter: EndpointFilter): string {
    const interfaces = interfacesOf(filter.interface);
    const services = this.services.filter(
      (service) =>
        service.type === filter.serviceType &&
        (filter.serviceName === undefined || service.name === filter.serviceName),
    );
    for (const wanted of interfaces) {
      for (const service of services) {
        const endpoint = service.endpoints.find(
          (candidate) =>
            normalizeLoosely(candidate.interface) === wanted &&
            (filter.regionName === undefined ||
              candidate.region_id === filter.regionName ||
              candidate.region === filter.regionName),
        );
        if (endpoint !== undefined) return endpoint.url;
      }
    }
    throw new EndpointNotFound({
      serviceType: filter.serviceType,
      interfaces,
      regionName: filter.regionName,
      serviceName: filter.serviceName,
      offered: this.offered(filter.serviceType),
    });
  }

  /** Everything the catalog holds for a service type, for error messages and diagnostics. */
  offered(serviceType: string): OfferedEndpoint[] {
    return this.services
      .filter((service) => service.type === serviceType)
      .flatMap((service) =>
        service.endpoints.map((endpoint) => ({
          serviceName: service.name,
          interface: endpoint.interface,
          region: endpoint.region_id ?? endpoint.region ?? undefined,
          url: endpoint.url,
        })),
      );
  }
}

function interfacesOf(value: string | readonly string[] | undefined): Interface[] {
  if (value === undefined) return ['public'];
  const list = typeof value === 'string' ? [value] : value;
  return list.map(normalizeInterface);
}

function normalizeLoosely(value: string): string {
  return value.toLowerCase().replace(/url$/, '');
}
