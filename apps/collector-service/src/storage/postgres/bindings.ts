/**
 * The values of one statement, bound in order as `$1`, `$2`…: request values reach PostgreSQL only as
 * parameters, and the SQL text depends on the shape of the query alone.
 */
export class Bindings {
  readonly values: unknown[] = [];

  /** The placeholder of `value`, cast to `type` (PostgreSQL cannot always infer a parameter's type). */
  bind(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}
