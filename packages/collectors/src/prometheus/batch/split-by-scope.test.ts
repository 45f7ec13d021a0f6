import type { InstantVectorSample } from '@kitty-collect/prometheus-client-base';
import { describe, expect, it } from 'vitest';
import { splitByScope } from './split-by-scope.js';

const sample = (metric: Record<string, string>, value = '1'): InstantVectorSample => ({
  metric,
  value: [1767488400, value],
});

describe('splitByScope', () => {
  const a1 = sample({ project_id: 'a', resource_id: '1' });
  const b1 = sample({ project_id: 'b', resource_id: '1' });
  const a2 = sample({ project_id: 'a', resource_id: '2' });
  const c1 = sample({ project_id: 'c', resource_id: '1' });
  const bare = sample({ resource_id: '9' });

  it('keeps answer order within a scope, drops unrequested scopes, and lists every requested scope', () => {
    const split = splitByScope([a1, b1, c1, a2], ['b', 'a', 'none'], {
      scopeKey: 'project_id',
      wrapped: false,
    });
    expect(split).toEqual(
      new Map([
        ['b', [b1]],
        ['a', [a1, a2]],
        ['none', []],
      ]),
    );
    expect([...(split?.keys() ?? [])]).toEqual(['b', 'a', 'none']);
  });

  it('gives a series without the scope label to scope "" when unwrapped, as the matcher {project_id=""} would', () => {
    expect(splitByScope([a1, bare], ['a'], { scopeKey: 'project_id', wrapped: false })).toEqual(
      new Map([['a', [a1]]]),
    );
    expect(splitByScope([a1, bare], ['a', ''], { scopeKey: 'project_id', wrapped: false })?.get('')).toEqual([
      bare,
    ]);
  });

  it('cannot split a wrapped answer with a series without the scope label', () => {
    expect(splitByScope([a1, bare], ['a'], { scopeKey: 'project_id', wrapped: true })).toBeUndefined();
    expect(splitByScope([a1], ['a'], { scopeKey: 'project_id', wrapped: true })).toEqual(
      new Map([['a', [a1]]]),
    );
  });

  it('splits by the configured scope key', () => {
    const d = sample({ tenant: 'x', project_id: 'a' });
    expect(splitByScope([d], ['x', 'a'], { scopeKey: 'tenant', wrapped: true })).toEqual(
      new Map([
        ['x', [d]],
        ['a', []],
      ]),
    );
  });
});
