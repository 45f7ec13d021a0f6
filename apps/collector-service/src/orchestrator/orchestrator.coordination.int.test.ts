import { PROJECTS } from '@kitty-collect/test-stack';
import type {} from '@kitty-collect/test-stack/vitest-setup';
import { describe, expect, inject, it } from 'vitest';
import { LeaseLostError, type SqliteStorage } from '../storage/index.js';
import { CPU_AND_GAUGE_METRICS } from '../testing/service-files.js';
import type { ScopeCoordination } from './orchestrator.js';
import { datasetHour, prometheusOrchestrator } from './testing/prometheus-orchestrator.js';
import { useTempStorage } from './testing/use-temp-storage.js';

const apiUrl = inject('prometheusApiUrl');
const { alpha, beta, gappy } = PROJECTS;
const tempStorage = useTempStorage();

/**
 * A coordination scripted by the test: `grant` decides what each acquire call answers (the scopes held
 * after it); `lose` makes `holds` false for a scope from the moment it is called.
 */
function scripted(grant: (call: number, scopeIds: readonly string[], newAtMost: number) => string[]) {
  const calls: { scopeIds: readonly string[]; newAtMost: number }[] = [];
  const lost = new Set<string>();
  const coordination: ScopeCoordination = {
    acquire: async (scopeIds, { newAtMost }) => {
      calls.push({ scopeIds, newAtMost });
      return grant(calls.length, scopeIds, newAtMost);
    },
    holds: (scopeId) => !lost.has(scopeId),
    isLeaseLost: (error) => error instanceof LeaseLostError,
  };
  return { coordination, calls, lose: (scopeId: string) => lost.add(scopeId) };
}

function run(storage: SqliteStorage, coordination: ScopeCoordination, overrides = {}) {
  return prometheusOrchestrator({
    apiUrl,
    storage,
    metrics: CPU_AND_GAUGE_METRICS,
    scopes: [alpha, beta, gappy],
    overrides: { coordination, until: datasetHour(4), batch: true, ...overrides },
  });
}

describe('Orchestrator with a ScopeCoordination (replicas)', () => {
  it('collects only the scopes it holds, taken in rounds, and counts the others as held elsewhere', async () => {
    const storage = await tempStorage();
    // One scope per round, then nothing new: two rounds hold alpha, then alpha and beta; gappy is elsewhere.
    const script = scripted((call) => (call === 1 ? [alpha] : [alpha, beta]));
    const summary = await run(storage, script.coordination, { coordinationRound: 1 }).runOnce();
    expect(summary).toMatchObject({ scopes: 2, heldElsewhere: 1, periodsStored: 8, periodsFailed: 0 });
    expect(script.calls.map((call) => call.newAtMost)).toEqual([1, 1, 1]);
    expect(script.calls[0]?.scopeIds).toEqual([alpha, beta, gappy]);
    expect(storage.countDataFrames(alpha)).toBe(4);
    expect(storage.countDataFrames(beta)).toBe(4);
    expect(storage.countDataFrames(gappy)).toBe(0);
  });

  it('stops collecting a scope as soon as its lease is no longer held', async () => {
    const storage = await tempStorage();
    const script = scripted((call) => (call === 1 ? [alpha, beta] : [alpha, beta]));
    const orchestrator = run(storage, script.coordination, {
      onPeriod: (event: { scopeId: string; outcome: string }) => {
        // After its first stored period, beta's lease is lost (a renewal did not find it).
        if (event.scopeId === beta && event.outcome === 'stored') script.lose(beta);
      },
    });
    const summary = await orchestrator.runOnce();
    expect(storage.countDataFrames(alpha)).toBe(4);
    expect(storage.countDataFrames(beta)).toBe(1);
    expect(summary.periodsFailed).toBe(0);
  });

  it('a commit refused for a lost lease is neither a failure nor recorded on the scope', async () => {
    const storage = await tempStorage();
    const script = scripted(() => [alpha]);
    const refusing = {
      getScopeState: (scopeId: string) => storage.getScopeState(scopeId),
      commitPeriod: (scopeId: string, frame: Parameters<SqliteStorage['commitPeriod']>[1]) => {
        if (frame.start.getTime() >= datasetHour(2).getTime()) {
          throw new LeaseLostError(scopeId, 'replica-a', frame.start);
        }
        storage.commitPeriod(scopeId, frame);
      },
      recordFailure: () => {
        throw new Error('recordFailure must not be called for a lost lease');
      },
    };
    const failures: string[] = [];
    const summary = await run(storage, script.coordination, {
      storage: refusing,
      metrics: {
        collectionSucceeded: () => {},
        collectionFailed: (cause: string) => failures.push(cause),
      },
    }).runOnce();
    expect(summary).toMatchObject({ periodsStored: 2, periodsFailed: 0, leasesLost: 1 });
    expect(failures).toEqual([]);
    expect(storage.getScopeState(alpha)).toMatchObject({ lastProcessed: datasetHour(1), failures: 0 });
  });
});
