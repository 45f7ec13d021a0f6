import { PrometheusError } from './prometheus-error.js';

/** A query that the PromQL grammar cannot read, at `position` (0-based offset; `line` and `column` 1-based). */
export class PromqlSyntaxError extends PrometheusError {
  override name = 'PromqlSyntaxError';
  readonly query: string;
  readonly position: number;
  readonly line: number;
  readonly column: number;

  constructor(query: string, position: number) {
    const before = query.slice(0, position).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    super(`PromQL syntax error at line ${line}, column ${column} of query '${query}'`);
    this.query = query;
    this.position = position;
    this.line = line;
    this.column = column;
  }
}
