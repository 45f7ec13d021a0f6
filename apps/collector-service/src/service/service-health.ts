import type { HealthCheck, HealthStatus } from '../http/health.js';
import type { CollectionHealthReport } from '../orchestrator/collection-health.js';
import { redactText } from './logger.js';

/** What /healthz needs of the storage: `ping` resolves when it answers, rejects (or throws) otherwise. */
export interface PingableStorage {
  ping(): void | Promise<void>;
}

/** This replica's view of the lease coordination, shown as `replica` in the details. */
export interface ReplicaView {
  replica: string;
  scopesHeld: number;
  replicas: number;
}

export interface ServiceHealthOptions {
  storage: PingableStorage;
  /** The collection loop's health (`CollectionHealth`); the `api` command has no loop and leaves it out. */
  collection?: { report(): CollectionHealthReport };
  /** This replica's leases, when several replicas share the storage. Details only: never unhealthy. */
  coordination?: () => ReplicaView | Promise<ReplicaView>;
  /** How long `ping` (and `coordination`) may take. Default 2000 ms. */
  timeoutMs?: number;
  /** Counts a failed ping as a storage error (`ServiceMetrics` fits). */
  metrics?: { storageFailed(operation: string): void };
}

export const DEFAULT_HEALTH_TIMEOUT_MS = 2000;

/**
 * /healthz's check, rules in this order, the first that holds gives the one-line `reason` of the 503:
 * 1. the storage does not answer its ping within the timeout: `storage unreachable: <message>` (first,
 *    since an unreachable storage explains whatever the loop reports);
 * 2. the collection loop's own rules (`CollectionHealth`): no pass completed for more than two periods,
 *    the last pass failed, every scope of the last pass failing.
 * Healthy otherwise. The details are always given: `storage` (`ok` or `unreachable`), the loop's
 * (`lastPass`, `failingScopes`) and `replica` when there is a coordination.
 */
export function serviceHealth(options: ServiceHealthOptions): HealthCheck {
  const timeoutMs = options.timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  return async (): Promise<HealthStatus> => {
    const { coordination } = options;
    const [storageError, replica] = await Promise.all([
      withDeadline(() => options.storage.ping(), timeoutMs).then(
        () => undefined,
        (error: unknown) => errorText(error),
      ),
      coordination === undefined
        ? undefined
        : withDeadline(coordination, timeoutMs).catch((error: unknown) => ({ error: errorText(error) })),
    ]);
    if (storageError !== undefined) options.metrics?.storageFailed('ping');
    const collection = options.collection?.report();
    const { reason: collectionReason, ...collectionDetails } = collection?.details ?? {};
    const reason = storageError === undefined ? collectionReason : `storage unreachable: ${storageError}`;
    const details = {
      ...(reason === undefined ? {} : { reason }),
      storage: storageError === undefined ? 'ok' : 'unreachable',
      ...collectionDetails,
      ...(replica === undefined ? {} : { replica }),
    };
    return { healthy: storageError === undefined && (collection?.healthy ?? true), details };
  };
}

/** Fails after `ms`, the timer cleared whichever comes first (a health probe must not leave one running). */
async function withDeadline<T>(work: () => T | Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  try {
    // Through a promise so a synchronous throw (the SQLite storage) is a rejection like any other.
    return await Promise.race([new Promise<T>((resolve) => resolve(work())), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The message, redacted here already: a reason is quoted by more than this route (logs, alerts), and a
 * database driver's error may carry its connection URL.
 */
function errorText(error: unknown): string {
  return redactText(error instanceof Error ? error.message : String(error));
}
