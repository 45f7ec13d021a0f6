import { describe, expect, it } from 'vitest';
import { buildScopeQuery } from './scope-query.js';

describe('buildScopeQuery', () => {
  it("is CloudKitty's query without filters", () => {
    expect(buildScopeQuery({ metric: 'ceilometer_cpu', scopeAttribute: 'project_id', filters: {} })).toBe(
      'max(ceilometer_cpu) by (project_id)',
    );
  });

  it('renders filters as k="v" joined by ", ", in order', () => {
    expect(
      buildScopeQuery({
        metric: 'ceilometer_cpu',
        scopeAttribute: 'tenant',
        filters: { flavor_name: 'm1.small', instance: 'web-1:9100' },
      }),
    ).toBe('max(ceilometer_cpu{flavor_name="m1.small", instance="web-1:9100"}) by (tenant)');
  });

  it('escapes values as PromQL strings (CloudKitty does not)', () => {
    expect(
      buildScopeQuery({ metric: 'm', scopeAttribute: 'p', filters: { foo: 'say "hi"', bar: 'back\\slash' } }),
    ).toBe('max(m{foo="say \\"hi\\"", bar="back\\\\slash"}) by (p)');
  });
});
