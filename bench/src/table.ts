import type { ChildResult, Mode } from './protocol.js';

export interface Row {
  n: number;
  backend: 'prometheus' | 'aetos';
  mode: Mode;
  concurrency: number;
  result: ChildResult;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const RAW_OF: Partial<Record<Mode, Mode>> = { 'per-scope': 'raw-per-scope', batched: 'raw-batched' };

function wallOf(row: Row | undefined): number | undefined {
  if (row === undefined || !row.result.ok) return undefined;
  return median(row.result.runs.map((r) => r.wallMs));
}

function find(
  rows: readonly Row[],
  n: number,
  backend: Row['backend'],
  mode: Mode,
  c: number,
): Row | undefined {
  return rows.find((r) => r.n === n && r.backend === backend && r.mode === mode && r.concurrency === c);
}

const fmt = (value: number, digits: number) => value.toFixed(digits);
const thousands = (value: number) => Math.round(value).toLocaleString('en-US');

export function formatTable(rows: readonly Row[]): string {
  const header = [
    'N',
    'via',
    'mode',
    'c',
    'queries',
    'wall s',
    'spread',
    'queries/s',
    'points/s',
    'peak RSS MB (heap)',
    'client CPU µs/q',
    'server CPU µs/q',
    'ours/raw',
    'ours/undici',
    'tokens',
  ];
  const body: string[][] = rows.map((row) => {
    const { result } = row;
    const head = [String(row.n), row.backend, row.mode, String(row.concurrency)];
    if (!result.ok) {
      return [...head, `FAILED: ${result.error.split('\n')[0]}`, '', '', '', '', '', '', '', '', '', ''];
    }
    const walls = result.runs.map((r) => r.wallMs);
    const wall = median(walls);
    const queries = result.runs[0]?.queries ?? 0;
    const points = result.runs[0]?.points ?? 0;
    const spread =
      walls.length > 1 ? `±${fmt((50 * (Math.max(...walls) - Math.min(...walls))) / wall, 0)}%` : '1 run';
    const perQuery = (key: 'clientCpuMs' | 'serverCpuMs') =>
      thousands((1000 * median(result.runs.map((r) => r[key]))) / Math.max(1, queries));
    const rawMode = RAW_OF[row.mode];
    const rawWall =
      rawMode === undefined ? undefined : wallOf(find(rows, row.n, row.backend, rawMode, row.concurrency));
    const ratio = rawWall === undefined ? '' : `${fmt(wall / rawWall, 2)}×`;
    const undiciWall =
      row.mode === 'per-scope'
        ? wallOf(find(rows, row.n, row.backend, 'raw-undici-per-scope', row.concurrency))
        : undefined;
    const undiciRatio = undiciWall === undefined ? '' : `${fmt(wall / undiciWall, 2)}×`;
    const tokens =
      row.backend === 'aetos'
        ? `${result.authentications ?? result.tokenRequests}${result.tokenRequests === (result.authentications ?? result.tokenRequests) ? '' : ` (${result.tokenRequests} POST)`}`
        : '';
    return [
      ...head,
      thousands(queries),
      fmt(wall / 1000, 3),
      spread,
      thousands(queries / (wall / 1000)),
      thousands(points / (wall / 1000)),
      `${fmt(result.maxRssKiB / 1024, 0)} (${fmt(result.peakHeapUsedKiB / 1024, 0)})`,
      perQuery('clientCpuMs'),
      perQuery('serverCpuMs'),
      ratio,
      undiciRatio,
      tokens,
    ];
  });
  return markdownTable(header, body, new Set([0, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14]));
}

/** A Markdown table, columns padded to their widest cell; `numeric` columns are right-aligned. */
function markdownTable(
  header: readonly string[],
  body: readonly (readonly string[])[],
  numeric: ReadonlySet<number>,
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

/** Wall seconds and points/s of a row's median run, or blanks when it failed or was not measured. */
function wallAndRate(row: Row | undefined): [wall: string, pointsPerSecond: string] {
  const wall = wallOf(row);
  if (row === undefined || !row.result.ok || wall === undefined)
    return [row === undefined ? '' : 'FAILED', ''];
  return [fmt(wall / 1000, 3), thousands((row.result.runs[0]?.points ?? 0) / (wall / 1000))];
}

/**
 * Batched mode against per-scope (direct Prometheus) at these sizes: per-scope at `perScopeConcurrency`,
 * each batched row, and the rating types batched mode queried per scope as the collector's
 * `batchFallbackReason` said (reported by the batched child); each fallback's reason follows once.
 * `undefined` when no batched row was measured at these sizes.
 */
export function formatBatchingTable(
  rows: readonly Row[],
  sizes: readonly number[],
  perScopeConcurrency: number,
  ratingTypes: number,
): string | undefined {
  const batchedRows = rows.filter(
    (r) => r.backend === 'prometheus' && r.mode === 'batched' && sizes.includes(r.n),
  );
  if (batchedRows.length === 0) return undefined;
  const reasons = new Set<string>();
  const body = batchedRows.map((row) => {
    const perScope = find(rows, row.n, 'prometheus', 'per-scope', perScopeConcurrency);
    const fallbacks = row.result.ok ? Object.entries(row.result.batchFallbacks ?? {}) : [];
    for (const [key, reason] of fallbacks) reasons.add(`  ${key}: ${reason}`);
    return [
      String(row.n),
      ...wallAndRate(perScope),
      String(row.concurrency),
      ...wallAndRate(row),
      row.result.ok ? thousands(row.result.runs[0]?.queries ?? 0) : '',
      row.result.ok ? `${fallbacks.length} of ${ratingTypes}` : '',
      fallbacks.map(([key]) => key).join(', ') || (row.result.ok ? 'none' : ''),
    ];
  });
  const header = [
    'N',
    `per-scope c=${perScopeConcurrency} wall s`,
    'points/s',
    'batched c',
    'batched wall s',
    'points/s',
    'batched queries',
    'fell back to per-scope',
    'which',
  ];
  const table = markdownTable(header, body, new Set([0, 1, 2, 3, 4, 5, 6, 7]));
  return [
    `Batched against per-scope, direct Prometheus (fallbacks: the collector's batchFallbackReason):`,
    table,
    ...(reasons.size > 0 ? ['Why each falls back:', ...reasons] : []),
  ].join('\n');
}

/** The issue's targets, judged on this run's figures. */
export function targetsReport(rows: readonly Row[], maxConcurrency: number): string {
  const lines = ['Targets (issue 6):'];
  const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
  for (const backend of ['prometheus', 'aetos'] as const) {
    const ours = wallOf(find(rows, 500, backend, 'per-scope', maxConcurrency));
    const raw = wallOf(find(rows, 500, backend, 'raw-per-scope', maxConcurrency));
    if (ours !== undefined && raw !== undefined) {
      lines.push(
        `  per-scope c=${maxConcurrency} within 1.25× of the raw floor at N=500 (${backend}): ` +
          `${(ours / raw).toFixed(2)}× → ${verdict(ours / raw <= 1.25)}`,
      );
      const undici = wallOf(find(rows, 500, backend, 'raw-undici-per-scope', maxConcurrency));
      const gzip = wallOf(find(rows, 500, backend, 'raw-gzip-per-scope', maxConcurrency));
      const against = [
        undici === undefined ? undefined : `undici request() ${(ours / undici).toFixed(2)}×`,
        gzip === undefined ? undefined : `fetch with its default headers (gzip) ${(ours / gzip).toFixed(2)}×`,
      ].filter((text) => text !== undefined);
      if (against.length > 0) lines.push(`    (against the other floors: ${against.join(', ')})`);
    }
    for (const row of rows.filter((r) => r.n === 500 && r.backend === backend && r.mode === 'batched')) {
      const batched = wallOf(row);
      if (!row.result.ok) {
        lines.push(
          `  batched ≥10× faster than per-scope c=${maxConcurrency} at N=500 (${backend}): n/a (the run failed)`,
        );
      } else if (batched !== undefined && ours !== undefined) {
        lines.push(
          `  batched (c=${row.concurrency}) ≥10× faster than per-scope c=${maxConcurrency} at N=500 (${backend}): ` +
            `${(ours / batched).toFixed(1)}× → ${verdict(ours / batched >= 10)}`,
        );
      }
    }
  }
  for (const row of rows.filter((r) => r.n === 5000 && r.mode === 'batched')) {
    if (!row.result.ok) {
      lines.push(`  peak RSS ≤ 250 MB at N=5000 batched (${row.backend}): n/a (the run failed)`);
      continue;
    }
    const mb = row.result.maxRssKiB / 1024;
    lines.push(
      `  peak RSS ≤ 250 MB at N=5000 batched (${row.backend}, c=${row.concurrency}): ${mb.toFixed(0)} MB → ${verdict(mb <= 250)}`,
    );
  }
  return lines.join('\n');
}
