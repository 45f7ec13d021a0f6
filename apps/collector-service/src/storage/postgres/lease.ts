import type { Connection } from './connection.js';

/**
 * The lease row of the scope, when `owner` holds it now by the DATABASE's clock (replicas' clocks differ;
 * the coordination of replicas writes leases on that clock too). FOR UPDATE: a takeover, which updates the
 * row, waits until this transaction ends, so whatever this one writes is done under the lease; and a
 * takeover that committed first is seen here (READ COMMITTED re-reads the row it waited for), its new
 * owner failing the check.
 */
const HOLDS_LEASE = `SELECT 1 FROM scope_leases
  WHERE scope_id = $1 AND owner = $2 AND expires_at > clock_timestamp()
  FOR UPDATE`;

/** Whether `owner` holds the scope's lease; if so, the lease stays held until the transaction ends. */
export async function holdsLease(connection: Connection, scopeId: string, owner: string): Promise<boolean> {
  const { rowCount } = await connection.query(HOLDS_LEASE, [scopeId, owner]);
  return rowCount !== null && rowCount > 0;
}
