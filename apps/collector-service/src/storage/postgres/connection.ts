import type pg from 'pg';

/** One connection of the pool, checked out for a transaction. */
export type Connection = pg.PoolClient;

/**
 * How a transaction starts: READ COMMITTED for writes (each statement sees what committed before it, and
 * the rows it locks are re-read once their lock is released), one REPEATABLE READ snapshot for a read of
 * several statements that must agree (a total and its page).
 */
export type TransactionMode = 'write' | 'snapshot';

const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN',
  snapshot: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
};

/**
 * Runs `work` in one transaction on one pool connection: COMMIT when it resolves, ROLLBACK when it
 * rejects (its error goes on). A connection that failed (the server went away, ROLLBACK impossible) is
 * destroyed rather than given back, so the next call gets a fresh one.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  mode: TransactionMode,
  work: (connection: Connection) => Promise<T>,
): Promise<T> {
  const connection = await pool.connect();
  let lost: Error | undefined;
  // Checked out, a connection has no listener of the pool's: the server going away between two of our
  // statements would emit an 'error' nobody listens to, which crashes the process.
  const onError = (error: Error) => {
    lost = error;
  };
  connection.on('error', onError);
  try {
    await connection.query(BEGIN[mode]);
    try {
      const result = await work(connection);
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      await connection.query('ROLLBACK').catch((rollbackError: unknown) => {
        lost ??= rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    }
  } catch (error) {
    lost ??= isConnectionFailure(error) ? (error as Error) : undefined;
    throw error;
  } finally {
    connection.off('error', onError);
    connection.release(lost);
  }
}

/**
 * The connection itself failed, as opposed to a statement: the server ended the session (SQLSTATE class
 * 57, `admin_shutdown` 57P01 from pg_terminate_backend; class 08), the socket broke (a system error code
 * such as ECONNRESET), or the driver lost it without a code (`Connection terminated unexpectedly`).
 */
function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return /^(57|08)/.test(code) || /^E[A-Z]+$/.test(code);
  return error instanceof Error && /^Connection terminated/.test(error.message);
}
