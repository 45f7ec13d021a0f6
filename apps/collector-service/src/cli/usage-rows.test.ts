import type { DataFrameJSON } from '@kitty-collect/collector-base';
import { describe, expect, it } from 'vitest';
import { formatTable } from './table.js';
import { usageRows, usageTable } from './usage-rows.js';

const point = (unit: string, qty: string) => ({
  vol: { unit, qty },
  rating: { price: '0' },
  groupby: { project_id: 'p1' },
  metadata: {},
});

/** Hourly periods: 1 core each, and 11.999999952 GiB (12 GiB as Prometheus' float gives it, rounded). */
const frames: DataFrameJSON[] = ['00', '01'].map((hour) => ({
  period: { begin: `2026-01-01T${hour}:00:00+00:00`, end: `2026-01-01T${hour}:59:59+00:00` },
  usage: { cpu_cores: [point('core', '1')], memory: [point('GiB', '11.999999952')] },
}));

describe('the usage table says what its quantity is', () => {
  it('a sum over the periods of the configured length, with the rounding explained under it', () => {
    const { header, rows, footnote } = usageTable(usageRows(frames, 'project_id'), 3600);
    expect(`${formatTable(header, rows)}\n${footnote}`).toBe(
      [
        'scope  rating type  unit  periods  points  qty (sum over periods of 3600 s)',
        '-----  -----------  ----  -------  ------  --------------------------------',
        'p1     cpu_cores    core  2        2       2',
        'p1     memory       GiB   2        2       23.999999904',
        "qty adds up each period's quantity, so it is in unit × periods of 3600 s; each point is rounded to 9 significant digits, as CloudKitty stores it, before the sum",
      ].join('\n'),
    );
  });
});
