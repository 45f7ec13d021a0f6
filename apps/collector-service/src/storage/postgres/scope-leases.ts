import type pg from 'pg';
import { LeaseLostError } from '../errors/lease-lost-error.js';

export interface ScopeLeasesOptions {
  /** The storage's pool (`PostgresStorage.pool`): leases live in the same database as the frames. */
  pool: pg.Pool;
  /** This replica's name: the `owner` of its leases (the storage's `leaseOwner`). */
  owner: string;
  /** How long a lease lasts without renewal; renewed every third of it. */
  leaseSeconds: number;
  /** A renewal that failed (the database unreachable): the replica keeps collecting until its leases end. */
  onRenewalError?: (error: unknown) => void;
  /** Local clock, only to stop trusting leases that could not be renewed; expiry itself is the database's. */
  now?: () => number;
}

/** What a replica holds, for /healthz and /metrics. */
export interface LeaseStatus {
  replica: string;
  scopesHeld: number;
  /** Replicas whose heartbeat is younger than a lease (this one included). */
  replicas: number;
  /** Scopes this replica took over from another replica whose lease had expired, since it started. */
  takeovers: number;
}

/** A lease row taken in `acquire`: free (`''`), expired, or already this replica's. */
interface Candidate {
  scope_id: string;
  owner: string;
}

/**
 * Per-scope leases of the replicas sharing one PostgreSQL database (tables `scope_leases` and `replicas`):
 * at each pass a replica keeps the scopes it holds and takes free or expired ones, up to its fair share
 * (the scopes divided by the live replicas, rounded up), rows locked with `FOR UPDATE SKIP LOCKED` so that
 * replicas never wait for each other; more than its share is given back, so that a replica that joins gets
 * work. Held leases are renewed every third of their length while the process runs. Expiry is measured
 * on the database's clock (`clock_timestamp()`): the replicas' clocks do not matter.
 *
 * A lease is a promise to stay away, not a guarantee: the storage checks ownership again in the
 * transaction that commits a period (`leaseOwner`), so a replica that lost its lease while paused or cut
 * off cannot store that period; the unique (scope, begin) constraint is the last guard.
 */
export class PostgresScopeLeases {
  readonly owner: string;
  readonly #pool: pg.Pool;
  readonly #leaseSeconds: number;
  readonly #onRenewalError: (error: unknown) => void;
  readonly #now: () => number;
  #held = new Set<string>();
  /** Local time until which the held leases are surely valid (last renewal + lease − a margin). */
  #trustedUntil = 0;
  #replicas = 1;
  #takeovers = 0;
  #timer: NodeJS.Timeout | undefined;
  #renewing: Promise<void> | undefined;
  #closed = false;

  constructor(options: ScopeLeasesOptions) {
    this.owner = options.owner;
    this.#pool = options.pool;
    this.#leaseSeconds = options.leaseSeconds;
    this.#onRenewalError = options.onRenewalError ?? (() => {});
    this.#now = options.now ?? Date.now;
  }

  /**
   * The scopes of `scopeIds` this replica holds now. One transaction: heartbeat, leases of scopes no longer
   * listed given back, this replica's own leases renewed up to its share (the rest given back), then at
   * most `newAtMost` free or expired ones taken within the share. Starts the renewal timer.
   */
  async acquire(scopeIds: readonly string[], options: { newAtMost?: number } = {}): Promise<string[]> {
    if (this.#closed) throw new Error('scope leases: acquire() after close()');
    // Sorted: replicas inserting the same new rows do it in one order (no deadlock between them).
    const scopes = [...new Set(scopeIds)].sort();
    const client = await this.#pool.connect();
    let taken: Candidate[];
    try {
      await client.query('BEGIN');
      await this.#heartbeat(client);
      const live = await client.query<{ live: string }>(
        `SELECT count(*) AS live FROM replicas
         WHERE heartbeat_at > clock_timestamp() - make_interval(secs => $1)`,
        [this.#leaseSeconds],
      );
      this.#replicas = Math.max(1, Number(live.rows[0]?.live ?? 1));
      await client.query(
        'INSERT INTO scope_leases (scope_id) SELECT unnest($1::text[]) ON CONFLICT (scope_id) DO NOTHING',
        [scopes],
      );
      await client.query(
        `UPDATE scope_leases SET owner = '', expires_at = '-infinity'
         WHERE owner = $1 AND NOT (scope_id = ANY($2::text[]))`,
        [this.owner, scopes],
      );
      const candidates = await client.query<Candidate>(
        `SELECT scope_id, owner FROM scope_leases
         WHERE scope_id = ANY($2::text[]) AND (owner = $1 OR expires_at <= clock_timestamp())
         ORDER BY owner = $1 DESC, scope_id COLLATE "C"
         FOR UPDATE SKIP LOCKED`,
        [this.owner, scopes],
      );
      const share = Math.ceil(scopes.length / this.#replicas);
      const own = candidates.rows.filter((row) => row.owner === this.owner);
      const others = candidates.rows.filter((row) => row.owner !== this.owner);
      const room = Math.max(0, Math.min(share - own.length, options.newAtMost ?? share));
      taken = [...own.slice(0, share), ...others.slice(0, room)];
      const excess = own.slice(share);
      if (excess.length > 0) {
        await client.query(
          `UPDATE scope_leases SET owner = '', expires_at = '-infinity' WHERE scope_id = ANY($1::text[])`,
          [excess.map((row) => row.scope_id)],
        );
      }
      await client.query(
        `UPDATE scope_leases SET
           taken_at = CASE WHEN owner = $1 THEN taken_at ELSE clock_timestamp() END,
           owner = $1,
           expires_at = clock_timestamp() + make_interval(secs => $2)
         WHERE scope_id = ANY($3::text[])`,
        [this.owner, this.#leaseSeconds, taken.map((row) => row.scope_id)],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    client.release();
    this.#takeovers += taken.filter((row) => row.owner !== '' && row.owner !== this.owner).length;
    this.#held = new Set(taken.map((row) => row.scope_id));
    this.#trust();
    this.#startRenewal();
    return [...this.#held].sort();
  }

  /** Whether the scope is still held: false once a renewal lost it, or when renewals fail for too long. */
  holds(scopeId: string): boolean {
    return this.#held.has(scopeId) && this.#now() < this.#trustedUntil;
  }

  /** A commit refused because the lease is gone: another replica collects the scope, not a failure. */
  isLeaseLost(error: unknown): boolean {
    return error instanceof LeaseLostError;
  }

  status(): LeaseStatus {
    return {
      replica: this.owner,
      scopesHeld: this.#held.size,
      replicas: this.#replicas,
      takeovers: this.#takeovers,
    };
  }

  /** Stops renewing and gives every lease back (another replica takes the scopes at once). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#renewing;
    this.#held.clear();
    await this.#pool.query(`UPDATE scope_leases SET owner = '', expires_at = '-infinity' WHERE owner = $1`, [
      this.owner,
    ]);
    await this.#pool.query('DELETE FROM replicas WHERE name = $1', [this.owner]);
  }

  async #heartbeat(client: pg.PoolClient | pg.Pool): Promise<void> {
    await client.query(
      `INSERT INTO replicas (name, started_at, heartbeat_at) VALUES ($1, clock_timestamp(), clock_timestamp())
       ON CONFLICT (name) DO UPDATE SET heartbeat_at = clock_timestamp()`,
      [this.owner],
    );
    // Replicas silent for long are gone (killed): their rows would only grow the table.
    await client.query(
      'DELETE FROM replicas WHERE heartbeat_at < clock_timestamp() - make_interval(secs => $1)',
      [this.#leaseSeconds * 10],
    );
  }

  /** Renewal succeeded (or leases were just taken): trusted for a lease, minus a third for the delays. */
  #trust(): void {
    this.#trustedUntil = this.#now() + (this.#leaseSeconds * 1000 * 2) / 3;
  }

  #startRenewal(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(
      () => {
        this.#renewing ??= this.#renew().finally(() => {
          this.#renewing = undefined;
        });
      },
      (this.#leaseSeconds * 1000) / 3,
    );
    // Renewal alone must not keep a stopping process alive.
    this.#timer.unref();
  }

  /** Extends the leases still held; those that expired meanwhile (a long pause) are lost. */
  async #renew(): Promise<void> {
    try {
      await this.#heartbeat(this.#pool);
      const renewed = await this.#pool.query<{ scope_id: string }>(
        `UPDATE scope_leases SET expires_at = clock_timestamp() + make_interval(secs => $2)
         WHERE owner = $1 AND expires_at > clock_timestamp()
         RETURNING scope_id`,
        [this.owner, this.#leaseSeconds],
      );
      if (this.#closed) return;
      const still = new Set(renewed.rows.map((row) => row.scope_id));
      this.#held = new Set([...this.#held].filter((scopeId) => still.has(scopeId)));
      this.#trust();
    } catch (error) {
      this.#onRenewalError(error);
    }
  }
}
