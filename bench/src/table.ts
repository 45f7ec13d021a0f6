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
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const numeric = new Set([0, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14]);
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
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
