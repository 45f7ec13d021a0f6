import { DataFrame, DataPoint } from '@kitty-collect/collector-base';

export const HOUR_MS = 3_600_000;

export interface PointSpec {
  type: string;
  qty: string;
  price?: string;
  unit?: string;
  groupby?: Record<string, string>;
  metadata?: Record<string, string>;
}

/** A one-hour dataframe of `scopeId` starting at `start`; the scope id is in every point's groupby. */
export function hourFrame(scopeId: string, start: Date, points: readonly PointSpec[]): DataFrame {
  const frame = new DataFrame({ start, end: new Date(start.getTime() + HOUR_MS) });
  for (const spec of points) {
    frame.addPoint(
      new DataPoint({
        unit: spec.unit ?? 'instance',
        qty: spec.qty,
        price: spec.price ?? '0',
        groupby: { project_id: scopeId, ...spec.groupby },
        metadata: spec.metadata ?? {},
      }),
      spec.type,
    );
  }
  return frame;
}

export function hoursAfter(start: Date, hours: number): Date {
  return new Date(start.getTime() + hours * HOUR_MS);
}
