import type { DataPointJSON } from '@kitty-collect/collector-base';
import { z } from 'zod';
import { StorageError } from '../errors/storage-error.js';

/** One point of a query page, with its period in ms, its decimals and labels as text (labels checked below). */
export interface PointRow {
  begin: number;
  end: number;
  type: string;
  unit: string;
  qty: string;
  price: string;
  groupby: string;
  metadata: string;
}

const labelsSchema = z.record(z.string(), z.string());

/** The v2 usage element of a stored point; qty and price stay the decimal text read. */
export function toDataPointJSON(row: PointRow): DataPointJSON {
  return {
    vol: { unit: row.unit, qty: row.qty },
    rating: { price: row.price },
    groupby: parseLabels(row.groupby, 'groupby'),
    metadata: parseLabels(row.metadata, 'metadata'),
  };
}

function parseLabels(text: string, column: string): Record<string, string> {
  const parsed = labelsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new StorageError(`Unreadable points.${column}: ${text}`);
  return parsed.data;
}
