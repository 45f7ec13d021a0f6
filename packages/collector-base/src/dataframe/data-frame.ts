import { z } from 'zod';
import { DataPoint, type DataPointJSON, dataPointJsonSchema } from './data-point.js';
import { isoformatUtc } from './iso-time.js';

export const dataFrameJsonSchema = z.object({
  period: z.object({ begin: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) }),
  usage: z.record(z.string(), z.array(dataPointJsonSchema)),
});

export interface DataFrameJSON {
  period: { begin: string; end: string };
  usage: Record<string, DataPointJSON[]>;
}

export interface DataFrameInit {
  start: Date;
  end: Date;
  usage?: Iterable<readonly [string, Iterable<DataPoint>]>;
}

/** The usage of one scope over one period, grouped by rating type name (CloudKitty's DataFrame). */
export class DataFrame {
  readonly start: Date;
  readonly end: Date;
  readonly #usage = new Map<string, DataPoint[]>();

  constructor(init: DataFrameInit) {
    if (!(init.start.getTime() < init.end.getTime())) {
      throw new RangeError(`DataFrame period must end after it begins (${init.start.toISOString()})`);
    }
    this.start = new Date(init.start);
    this.end = new Date(init.end);
    for (const [type, points] of init.usage ?? []) this.addPoints(points, type);
  }

  addPoint(point: DataPoint, type: string): void {
    this.addPoints([point], type);
  }

  addPoints(points: Iterable<DataPoint>, type: string): void {
    let list = this.#usage.get(type);
    if (list === undefined) {
      list = [];
      this.#usage.set(type, list);
    }
    for (const point of points) list.push(point);
  }

  /** Rating type names in insertion order. */
  get types(): string[] {
    return [...this.#usage.keys()];
  }

  getPoints(type: string): readonly DataPoint[] {
    return this.#usage.get(type) ?? [];
  }

  *iterPoints(): Generator<[type: string, point: DataPoint]> {
    for (const [type, points] of this.#usage) for (const point of points) yield [type, point];
  }

  get pointCount(): number {
    let count = 0;
    for (const points of this.#usage.values()) count += points.length;
    return count;
  }

  toJSON(): DataFrameJSON {
    const usage: Record<string, DataPointJSON[]> = {};
    for (const [type, points] of this.#usage) usage[type] = points.map((point) => point.toJSON());
    return { period: { begin: isoformatUtc(this.start), end: isoformatUtc(this.end) }, usage };
  }

  static fromJSON(json: unknown): DataFrame {
    const parsed = dataFrameJsonSchema.parse(json);
    return new DataFrame({
      start: new Date(parsed.period.begin),
      end: new Date(parsed.period.end),
      usage: Object.entries(parsed.usage).map(([type, points]) => [
        type,
        points.map((p) => DataPoint.fromJSON(p)),
      ]),
    });
  }
}
