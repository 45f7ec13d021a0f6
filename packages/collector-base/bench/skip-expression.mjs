// skip_datapoints_expression per data point: the field example, typical filters, and the worst cases a
// hostile metrics.yml can write within the limits (4,096 characters, 64 levels). Prints µs per point.
// Usage: pnpm --filter @kitty-collect/collector-base build && node packages/collector-base/bench/skip-expression.mjs
import { fileURLToPath } from 'node:url';

const { DataPoint, evaluateSkipExpression, parseSkipExpression } = await import(
  fileURLToPath(new URL('../dist/index.js', import.meta.url))
);

const POINTS = 20_000;
const points = Array.from(
  { length: POINTS },
  (_, i) =>
    new DataPoint({
      unit: 'GiB',
      qty: i % 7 === 0 ? '0' : (i / 3).toFixed(6),
      groupby: { project_id: `p${i % 50}`, id: `vm-${i}` },
      metadata: { flavor_name: i % 2 ? 'm1.small' : 'm1.large' },
    }),
);
const fill = (unit, separator, end = '') => {
  let text = '';
  for (let i = 0; `${text}${unit(i)}${separator}${end}`.length < 4000; i++) text += `${unit(i)}${separator}`;
  return text;
};

const CASES = {
  'False (the default)': 'False',
  'field example': 'datapoint.get("vol", {}).get("qty", 0) == 0',
  'qty against a float': "datapoint['vol']['qty'] < 0.5",
  'flavor in a list': "datapoint['metadata']['flavor_name'] in ['m1.small', 'm1.tiny']",
  'a 4,000-character dict of numeric keys': `datapoint['vol']['qty'] in {${fill((i) => `${i}.5: ${i}`, ', ')}}`,
  'a 4,000-character list of floats': `datapoint['vol']['qty'] in [${fill((i) => `${i}.25`, ', ')}]`,
  'a 4,000-character chain of and': `${fill(() => "datapoint['vol']['qty'] >= 0", ' and ')}True`,
  'a 4,000-digit int': `datapoint['vol']['qty'] < ${'9'.repeat(4000)}`,
  '64 nested tuples': `datapoint['vol']['qty'] in ${'('.repeat(63)}0.5,${'),'.repeat(62)})`,
};

for (const [name, text] of Object.entries(CASES)) {
  const expression = parseSkipExpression(text);
  let skipped = 0;
  const started = performance.now();
  for (const point of points) if (evaluateSkipExpression(expression, point)) skipped += 1;
  const micros = ((performance.now() - started) * 1000) / POINTS;
  console.log(
    `${name.padEnd(42)} ${micros.toFixed(2).padStart(8)} µs/point (${text.length} chars, ${skipped} skipped)`,
  );
}
