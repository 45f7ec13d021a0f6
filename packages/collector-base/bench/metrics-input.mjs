// Worst cases of reading an untrusted metrics.yml (issue 11): a file at each limit, each read and validated
// (loadMetricsConf + validateConf) in a fresh node process. Prints wall time, CPU time and peak RSS.
// Usage: pnpm --filter @kitty-collect/collector-base build && node packages/collector-base/bench/metrics-input.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kc-bench-input-'));
const repeat = (count, make) => Array.from({ length: count }, (_, i) => make(i)).join('');

/** name → file text (or a function writing the file and returning its path). */
const CASES = {
  'baseline: 1 rating type': 'metrics:\n  cpu: {unit: u}\n',
  '7,000 tiny rating types (just under 100,000 tokens)': `metrics:\n${repeat(7000, (i) => `  m${i}: {unit: u}\n`)}`,
  '960 realistic rating types (block style, under 100,000 tokens)': `metrics:\n${repeat(960, (i) => `  metric_${i}:\n    unit: instance\n    factor: 1/1048576\n    groupby:\n      - id\n      - user_id\n    metadata:\n      - flavor_name\n    extra_args:\n      aggregation_method: max\n`)}`,
  'a 1 MiB factor string (invalid)': `metrics:\n  cpu:\n    unit: u\n    factor: "${'1'.repeat(1_048_500)}x"\n`,
  'a 1 MiB factor string (valid)': `metrics:\n  cpu:\n    unit: u\n    factor: "${'1'.repeat(1_048_500)}"\n`,
  'a 1 MiB comment': `metrics: {cpu: {unit: u}}\n#${'x'.repeat(1_048_500)}\n`,
  'a list of 33,000 labels (just under 100,000 tokens)': `metrics: {cpu: {unit: u, groupby: [${Array(33_000).fill('a').join(',')}]}}\n`,
  'flow nesting 14,900 deep (refused)': `metrics: ${'['.repeat(14_900)}${']'.repeat(14_900)}\n`,
  'block nesting 7,400 deep (refused)': `metrics:\n  cpu:\n    ${'- '.repeat(7_400)}x\n`,
  '100 anchors aliased 99 times each': `${repeat(100, (i) => `a${i}: &a${i} [x]\n`)}${repeat(100, (i) => `r${i}: [${Array(99).fill(`*a${i}`).join(',')}]\n`)}metrics: {}\n`,
  '9,900 aliases of an empty list': `e: &e []\nb: &b [${Array(9_900).fill('*e').join(',')}]\nc: *b\nmetrics: {}\n`,
  'alias bomb (refused)': `${['a', 'b', 'c', 'd']
    .map(
      (n, l, all) =>
        `${n}: &${n} [${Array(10)
          .fill(l === 0 ? 'x' : `*${all[l - 1]}`)
          .join(', ')}]\n`,
    )
    .join('')}metrics: {cpu: {unit: u, groupby: *d}}\n`,
  '1 MiB of list items (refused at 100,000 tokens)': `metrics: {cpu: {unit: u, groupby: [${Array(500_000).fill('a').join(',')}]}}\n`,
  '800 invalid rating types': `metrics:\n${repeat(800, (i) => `  m${i}: {unit: u, groupy: [a], factor: x}\n`)}`,
  '50 MB file (sparse, refused at fstat)': () => {
    const path = join(dir, 'sparse.yml');
    writeFileSync(path, 'metrics: {}\n');
    truncateSync(path, 52_428_800);
    return path;
  },
};

const CHILD = `
const { loadMetricsConf, validateConf, InvalidConfiguration } = await import(${JSON.stringify(DIST)});
const started = performance.now();
let outcome;
try {
  const conf = validateConf(await loadMetricsConf(process.argv[1]));
  outcome = 'valid, ' + Object.keys(conf).length + ' rating types';
} catch (error) {
  if (!(error instanceof InvalidConfiguration)) throw error;
  outcome = error.issues.length + ' issue(s): ' + error.issues[0].path + ': ' + error.issues[0].message.slice(0, 50);
}
const ms = performance.now() - started;
const usage = process.resourceUsage();
console.log(JSON.stringify({ outcome, ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, rssMiB: usage.maxRSS / 1024 }));
`;

console.log('case | bytes | outcome | load+validate ms | process CPU ms | peak RSS MiB');
console.log('--- | ---: | --- | ---: | ---: | ---:');
for (const [name, content] of Object.entries(CASES)) {
  let path;
  if (typeof content === 'function') path = content();
  else {
    path = join(dir, 'metrics.yml');
    writeFileSync(path, content);
  }
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, path], { encoding: 'utf8' });
  if (child.status !== 0) {
    console.log(`${name} | | crashed: ${child.stderr.split('\n')[0]} | | |`);
    continue;
  }
  const result = JSON.parse(child.stdout);
  const bytes = typeof content === 'function' ? 52_428_800 : Buffer.byteLength(content);
  console.log(
    `${name} | ${bytes.toLocaleString('en-US')} | ${result.outcome} | ${result.ms.toFixed(0)} | ${result.cpuMs.toFixed(0)} | ${result.rssMiB.toFixed(0)}`,
  );
}
