import { describe, expect, it } from 'vitest';
import { identityV3Url } from './identity-endpoint.js';

describe('identityV3Url', () => {
  it.each([
    ['http://keystone:5000/v3', 'http://keystone:5000/v3'],
    ['http://keystone:5000/v3/', 'http://keystone:5000/v3'],
    ['http://keystone:5000', 'http://keystone:5000/v3'],
    ['http://keystone:5000/', 'http://keystone:5000/v3'],
    ['https://cloud.example/identity', 'https://cloud.example/identity/v3'],
    ['http://keystone:5000/v2.0', 'http://keystone:5000/v3'],
    ['http://keystone:5000/v3.14', 'http://keystone:5000/v3.14'],
  ])('%s → %s', (endpoint, expected) => {
    expect(identityV3Url(endpoint)).toBe(expected);
  });
});
