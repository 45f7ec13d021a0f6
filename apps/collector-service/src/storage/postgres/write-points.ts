import type { DataFrame } from '@kitty-collect/collector-base';
import { StorageError } from '../errors/storage-error.js';
import { overlappingPeriod } from '../shared/period-rules.js';
import { checkFinite, pointKey } from '../shared/point-rules.js';
import type { Connection } from './connection.js';
import { numericParameter } from './decimals.js';

/** Where a frame's points go: the scope's dataframe at the frame's period, created when missing. */
export interface FrameTarget {
  scopeId: string;
  begin: Date;
  end: Date;
  now: Date;
}

/** Points per INSERT: few round trips for a large frame, arrays of a size the server takes at ease. */
const BATCH = 5000;

// A new frame is inserted; a stored one is locked, so that concurrent writers of one period replace
// each other's points one after the other, never both keeping theirs.
const INSERT_FRAME = `INSERT INTO dataframes (scope_id, begin, "end", created_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT ON CONSTRAINT dataframes_one_per_period DO NOTHING RETURNING id`;
const LOCK_FRAME = `SELECT id, (extract(epoch FROM "end") * 1000)::float8 AS "end" FROM dataframes
  WHERE scope_id = $1 AND begin = $2 FOR UPDATE`;
const SELECT_POINT_KEYS = 'SELECT id, type, groupby::text AS groupby FROM points WHERE dataframe_id = $1';
const DELETE_POINTS = 'DELETE FROM points WHERE id = ANY ($1::bigint[])';
// WITH ORDINALITY and ORDER BY: the ids follow the frame's order, which queries answer in.
const INSERT_POINTS = `INSERT INTO points (dataframe_id, type, unit, qty, price, groupby, metadata)
  SELECT $1, u.type, u.unit, u.qty, u.price, u.groupby, u.metadata
  FROM unnest($2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::json[], $7::json[])
    WITH ORDINALITY AS u (type, unit, qty, price, groupby, metadata, n)
  ORDER BY u.n`;

interface PointColumns {
  types: string[];
  units: string[];
  qtys: string[];
  prices: string[];
  groupbys: string[];
  metadatas: string[];
  keys: string[];
}

/**
 * Stores a frame's points in the scope's dataframe at the frame's period, with the SQLite storage's rule
 * (see its writePoints): a point with the key of a stored one replaces it, points of the frame itself
 * never replace each other, a stored period of that scope beginning there with another end is a
 * `PeriodConflictError` ('overlapping'). Call it inside a transaction.
 */
export async function writePoints(
  connection: Connection,
  target: FrameTarget,
  points: DataFrame,
): Promise<void> {
  const columns = pointColumns(points);
  const { scopeId, begin, end, now } = target;
  const inserted = await connection.query<{ id: string }>(INSERT_FRAME, [scopeId, begin, end, now]);
  let dataframeId = inserted.rows[0]?.id;
  if (dataframeId === undefined) {
    const stored = (await connection.query<{ id: string; end: number }>(LOCK_FRAME, [scopeId, begin]))
      .rows[0];
    if (stored === undefined) throw new StorageError(`dataframe ${scopeId} ${begin.toISOString()} vanished`);
    if (stored.end !== end.getTime()) throw overlappingPeriod(scopeId, begin, stored.end);
    dataframeId = stored.id;
    await deleteReplaced(connection, dataframeId, new Set(columns.keys));
  }
  for (let from = 0; from < columns.types.length; from += BATCH) {
    const slice = (values: string[]) => values.slice(from, from + BATCH);
    await connection.query(INSERT_POINTS, [
      dataframeId,
      slice(columns.types),
      slice(columns.units),
      slice(columns.qtys),
      slice(columns.prices),
      slice(columns.groupbys),
      slice(columns.metadatas),
    ]);
  }
}

/** Points stored before this write with a key of the frame's go; the others stay. */
async function deleteReplaced(connection: Connection, dataframeId: string, keys: Set<string>): Promise<void> {
  const stored = await connection.query<{ id: string; type: string; groupby: string }>(SELECT_POINT_KEYS, [
    dataframeId,
  ]);
  const replaced = stored.rows
    .filter((row) => keys.has(pointKey(row.type, JSON.parse(row.groupby) as Record<string, string>)))
    .map((row) => row.id);
  if (replaced.length > 0) await connection.query(DELETE_POINTS, [replaced]);
}

/** The frame's points as column arrays, checked before anything is written. */
function pointColumns(points: DataFrame): PointColumns {
  const columns: PointColumns = {
    types: [],
    units: [],
    qtys: [],
    prices: [],
    groupbys: [],
    metadatas: [],
    keys: [],
  };
  for (const [type, point] of points.iterPoints()) {
    checkFinite(type, point);
    checkStorableText(type, [
      type,
      point.unit,
      ...Object.entries(point.groupby).flat(),
      ...Object.entries(point.metadata).flat(),
    ]);
    columns.types.push(type);
    columns.units.push(point.unit);
    columns.qtys.push(numericParameter(point.qty));
    columns.prices.push(numericParameter(point.price));
    columns.groupbys.push(JSON.stringify(point.groupby));
    columns.metadatas.push(JSON.stringify(point.metadata));
    columns.keys.push(pointKey(type, point.groupby));
  }
  return columns;
}

/**
 * PostgreSQL text cannot hold U+0000, and in a json label (escaped `\u0000`) `->>` could not read it back
 * as text, so every filtered query over that point would fail: refused before anything is written.
 */
function checkStorableText(type: string, texts: readonly string[]): void {
  if (texts.some((text) => text.includes('\u0000'))) {
    throw new StorageError(`Point of ${type} holds the character U+0000, which PostgreSQL cannot store`);
  }
}
