import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements of dynamic queries, by SQL text. Preparing is the costly part of a small query, and
 * the texts are few (one per shape of query: which conditions, how many groupby keys), never user text.
 * The cache is emptied when it is full, which only a caller trying many shapes ever reaches.
 */
export class StatementCache {
  readonly #db: Database;
  readonly #size: number;
  readonly #statements = new Map<string, Statement>();

  constructor(db: Database, size = 64) {
    this.#db = db;
    this.#size = size;
  }

  /** The statement for `sql`, typed by its caller (who wrote the SQL and knows its parameters and rows). */
  prepare<Parameters, Row>(sql: string): Statement<[Parameters], Row> {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      if (this.#statements.size >= this.#size) this.#statements.clear();
      this.#statements.set(sql, statement);
    }
    return statement as Statement<[Parameters], Row>;
  }
}
