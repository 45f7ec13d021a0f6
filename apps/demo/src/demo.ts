import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASET_END, DATASET_START, PROJECTS, startAetosStack } from '@kitty-collect/test-stack';
import { DEMO_METRICS_YML, demoCloudkittyConf } from './demo-files.js';

/*
 * The main job, end to end: a real Prometheus with sample data, a real Keystone and an Aetos-compatible
 * gateway; then `kitty-collect serve --once` through Aetos into the embedded SQLite file, and
 * `kitty-collect summary` of what was stored.
 */
// The service's bin, dist/main.js next to its library entry dist/index.js.
const main = fileURLToPath(new URL('./main.js', import.meta.resolve('@kitty-collect/collector-service')));

function kittyCollect(args: string[]): Promise<number> {
  console.log(`\n$ kitty-collect ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

const started = performance.now();
console.log('Starting Prometheus (sample data for 2026-01-04), Keystone and the Aetos gateway on 127.0.0.1…');
const stack = await startAetosStack({ projectLabel: 'project_id' });
let code = 1;
try {
  console.log(
    `  Prometheus ${stack.prometheus.baseUrl}  Keystone ${stack.keystone.authUrl}  Aetos ${stack.gateway.url('/prometheus')}`,
  );
  const dir = await mkdtemp(join(tmpdir(), 'kitty-collect-demo-'));
  const config = join(dir, 'cloudkitty.conf');
  await writeFile(join(dir, 'metrics.yml'), DEMO_METRICS_YML);
  await writeFile(
    config,
    demoCloudkittyConf(
      stack,
      [PROJECTS.alpha, PROJECTS.beta, PROJECTS.gappy],
      join(dir, 'kitty-collect.sqlite'),
    ),
  );
  console.log(`  configuration in ${dir}`);
  code = await kittyCollect([
    'serve',
    '--once',
    '--config',
    config,
    '--since',
    DATASET_START.toISOString(),
    '--until',
    DATASET_END.toISOString(),
  ]);
  if (code === 0) code = await kittyCollect(['summary', '--config', config]);
} finally {
  await stack.stop();
}
console.log(`\nDemo finished in ${((performance.now() - started) / 1000).toFixed(1)} s (exit code ${code}).`);
process.exitCode = code;
