import { describe, expect, it } from 'vitest';
import { EndpointNotFound } from '../errors/endpoint-not-found.js';
import { KeystoneConfigError } from '../errors/keystone-config-error.js';
import { ServiceCatalog } from './service-catalog.js';

const catalog = new ServiceCatalog([
  {
    type: 'identity',
    name: 'keystone',
    endpoints: [
      { interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: 'http://k:5000/v3' },
    ],
  },
  {
    type: 'metric-storage',
    name: 'aetos',
    endpoints: [
      { interface: 'public', region_id: 'RegionOne', url: 'http://a1/prometheus' },
      { interface: 'internal', region_id: 'RegionOne', url: 'http://a1-int/prometheus' },
      { interface: 'admin', region_id: 'RegionOne', url: 'http://a1-adm' },
      { interface: 'public', region_id: 'RegionTwo', url: 'http://a2/prometheus' },
    ],
  },
  {
    type: 'metric-storage',
    name: 'other',
    endpoints: [{ interface: 'internal', region_id: 'RegionTwo', url: 'http://o2' }],
  },
]);

describe('ServiceCatalog.urlFor', () => {
  it.each([
    [{ serviceType: 'metric-storage' }, 'http://a1/prometheus'],
    [{ serviceType: 'metric-storage', interface: 'internal' }, 'http://a1-int/prometheus'],
    [{ serviceType: 'metric-storage', interface: 'internalURL' }, 'http://a1-int/prometheus'],
    [{ serviceType: 'metric-storage', interface: 'admin', regionName: 'RegionOne' }, 'http://a1-adm'],
    [{ serviceType: 'metric-storage', regionName: 'RegionTwo' }, 'http://a2/prometheus'],
    [{ serviceType: 'metric-storage', interface: 'internal', regionName: 'RegionTwo' }, 'http://o2'],
    [
      { serviceType: 'metric-storage', interface: ['admin', 'public'], regionName: 'RegionTwo' },
      'http://a2/prometheus',
    ],
    [{ serviceType: 'metric-storage', serviceName: 'other', interface: 'internal' }, 'http://o2'],
  ])('%j → %s', (filter, url) => {
    expect(catalog.urlFor(filter)).toBe(url);
  });

  it('says what the catalog offers when nothing matches', () => {
    let error: unknown;
    try {
      catalog.urlFor({ serviceType: 'metric-storage', interface: 'admin', regionName: 'RegionTwo' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EndpointNotFound);
    expect((error as EndpointNotFound).message).toBe(
      "No 'metric-storage' endpoint for interface admin, region RegionTwo: the catalog offers: " +
        'public RegionOne [aetos] http://a1/prometheus; internal RegionOne [aetos] http://a1-int/prometheus; ' +
        'admin RegionOne [aetos] http://a1-adm; public RegionTwo [aetos] http://a2/prometheus; internal RegionTwo [other] http://o2',
    );
    expect(() => catalog.urlFor({ serviceType: 'rating' })).toThrow(
      "No 'rating' endpoint for interface public: the catalog has no 'rating' service",
    );
  });

  it('refuses an unknown interface name', () => {
    expect(() => catalog.urlFor({ serviceType: 'identity', interface: 'private' })).toThrow(
      KeystoneConfigError,
    );
  });
});
