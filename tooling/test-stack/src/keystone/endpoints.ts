import { keystoneRequest, type TokenSource } from './api.js';
import type { KeystoneEndpointFixture, KeystoneEndpointSpec } from './fixtures.js';

/** Creates the region unless it exists. */
export async function ensureRegion(authUrl: string, token: TokenSource, regionId: string): Promise<void> {
  const found = await keystoneRequest(authUrl, {
    path: `/regions/${encodeURIComponent(regionId)}`,
    token: await token(),
    expect: [200, 404],
  });
  if (found.status === 200) return;
  await keystoneRequest(authUrl, {
    method: 'POST',
    path: '/regions',
    token: await token(),
    body: { region: { id: regionId } },
  });
}

interface EndpointBody {
  endpoint: { id: string; interface: KeystoneEndpointSpec['interface']; region_id: string; url: string };
}

/** Deletes every endpoint of the service, then creates `specs` (creating missing regions first). */
export async function replaceServiceEndpoints(
  authUrl: string,
  token: TokenSource,
  serviceId: string,
  specs: readonly KeystoneEndpointSpec[],
): Promise<KeystoneEndpointFixture[]> {
  for (const region of new Set(specs.map((spec) => spec.region))) await ensureRegion(authUrl, token, region);
  const existing = await keystoneRequest<{ endpoints: { id: string }[] }>(authUrl, {
    path: `/endpoints?service_id=${encodeURIComponent(serviceId)}`,
    token: await token(),
  });
  for (const endpoint of existing.body.endpoints) {
    await keystoneRequest(authUrl, {
      method: 'DELETE',
      path: `/endpoints/${endpoint.id}`,
      token: await token(),
      expect: [204],
    });
  }
  const created: KeystoneEndpointFixture[] = [];
  for (const spec of specs) {
    const response = await keystoneRequest<EndpointBody>(authUrl, {
      method: 'POST',
      path: '/endpoints',
      token: await token(),
      body: {
        endpoint: {
          service_id: serviceId,
          interface: spec.interface,
          region_id: spec.region,
          url: spec.url,
          enabled: true,
        },
      },
    });
    const { id, interface: iface, region_id: region, url } = response.body.endpoint;
    created.push({ id, interface: iface, region, url });
  }
  return created;
}
