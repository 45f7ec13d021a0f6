#!/usr/bin/env node
// Every public package stands alone (issue 12): packed with `pnpm pack` into a folder outside the workspace,
// checked with publint and attw, its dist/ importing only its own dependencies, installed with plain npm into
// an empty project where each README's runnable examples run unchanged, and the service's tarball installed
// with `npm install -g` giving a working `kitty-collect`. One line per check, a summary, exit 1 on a failure.
// Run after a build (scripts/check-packages.sh builds first); --keep keeps the temporary folder.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// The tools, pinned: what the npm ecosystem checks packages with, and tsx for the README's TypeScript.
const TOOLS = { publint: '0.3.25', '@arethetypeswrong/cli': '0.18.5', tsx: '4.23.15' };
// Where the README examples expect their servers (http://127.0.0.1:9090, http://127.0.0.1:5000/v3).
const PROMETHEUS_PORT = 9090;
const KEYSTONE_PORT = 5000;
// The metrics.yml the examples read from their working folder.
const METRICS_YML = `metrics:
  ceilometer_cpu:
    unit: second
    factor: 1e-9
    groupby: [resource_id]
    metadata: [flavor_name]
`;

const results = [];
function report(status, check, detail = '') {
  results.push(status);
  console.log(`${status.padEnd(4)} ${check}${detail === '' ? '' : `: ${detail}`}`);
}

/** Runs a command; resolves with its exit code and output (both streams, in order). */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      stderr += chunk;
    });
    child.once('error', (error) => resolve({ code: 127, output: `${output}${error.message}`, stderr }));
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output, stderr }));
  });
}

function indent(text, lines = 40) {
  const all = text.trimEnd().split('\n');
  const shown = all.length > lines ? [...all.slice(0, lines), `… (${all.length - lines} more lines)`] : all;
  return shown.map((line) => `       ${line}`).join('\n');
}

function publicPackages() {
  const found = [];
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      const file = join(root, group, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      if (manifest.private !== true) found.push({ dir: join(root, group, entry.name), manifest });
    }
  }
  return found;
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or undefined for a relative one. */
function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || /^[a-z]+:/.test(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const builtins = new Set(builtinModules.flatMap((name) => [name, name.split('/')[0]]));
const importPattern =
  /(?:\bimport|\bexport)\s*(?:[\w*${}\s,]*?\s*from\s*)?['"]([^'"\n]+)['"]|\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)|\brequire\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;

function* jsFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(path);
    else if (/\.(m|c)?js$/.test(entry.name)) yield path;
  }
}

/** Imports of a packed package's JavaScript naming a package outside its dependencies and peerDependencies. */
function strayImports(unpacked, manifest) {
  const allowed = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const stray = [];
  for (const file of jsFiles(unpacked)) {
    // Comments may quote import lines (JSDoc examples); strip them roughly before scanning.
    const text = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const match of text.matchAll(importPattern)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      const name = packageOf(specifier);
      if (name === undefined || builtins.has(name) || allowed.has(name)) continue;
      stray.push(`${relative(unpacked, file)} imports ${specifier}`);
    }
  }
  return [...new Set(stray)];
}

/**
 * The README's runnable examples: a fenced js/ts block right after `<!-- runnable [prometheus] [keystone]
 * [stderr] -->`, naming the servers it talks to and whether writing to stderr is what it shows.
 */
const words = (text) => text.trim().split(/\s+/).filter(Boolean);

function runnableExamples(readme) {
  const examples = [];
  const pattern = /<!--\s*runnable((?:\s+[\w-]+)*)\s*-->\s*\n```(js|ts)\n([\s\S]*?)\n```/g;
  for (const match of readme.matchAll(pattern)) {
    examples.push({
      needs: words(match[1]).filter((word) => word !== 'stderr'),
      // `stderr`: the example prints its expected output there (problems it reports).
      stderr: words(match[1]).includes('stderr'),
      lang: match[2],
      code: `${match[3]}\n`,
    });
  }
  return examples;
}

/** Starts the test stack's real Prometheus and Keystone (and the Aetos gateway) on the README's ports. */
async function startServers(tmp) {
  const ready = join(tmp, 'servers.json');
  const testStack = new URL('../tooling/test-stack/dist/index.js', import.meta.url).href;
  const script = `
    import { writeFileSync } from 'node:fs';
    const { startAetosStack } = await import(${JSON.stringify(testStack)});
    const stack = await startAetosStack({
      prometheus: { port: ${PROMETHEUS_PORT} },
      keystone: { port: ${KEYSTONE_PORT} },
    });
    const stop = () => stack.stop().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    writeFileSync(${JSON.stringify(ready)}, JSON.stringify({
      password: stack.keystone.fixtures.users.cloudkitty.password,
    }));
    setInterval(() => {}, 1 << 30);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 240_000;
  while (!existsSync(ready)) {
    const done = await Promise.race([
      exited.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 250)),
    ]);
    if (done || Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the test stack did not start:\n${stderr}`);
    }
  }
  return {
    env: { OS_PASSWORD: JSON.parse(readFileSync(ready, 'utf8')).password },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * better-sqlite3 (the service's) downloads a prebuilt binary from GitHub or compiles for minutes. The
 * workspace built that same version for this Node already: offered as a local prebuild (prebuild-install's
 * `npm_config_<package>_local_prebuilds`), both npm installs below unpack it instead of compiling twice.
 */
function localSqlitePrebuild(dir) {
  const installed = join(root, 'apps', 'collector-service', 'node_modules', 'better-sqlite3');
  const binary = join(installed, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(binary)) return {};
  const { version } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  mkdirSync(dir, { recursive: true });
  const file = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const tar = spawnSync('tar', [
    '-czf',
    join(dir, file),
    '-C',
    installed,
    'build/Release/better_sqlite3.node',
  ]);
  return tar.status === 0 ? { npm_config_better_sqlite3_local_prebuilds: dir } : {};
}

const started = performance.now();
const tmp = mkdtempSync('/tmp/kitty-collect-packages-');
const tarballs = join(tmp, 'tarballs');
const tools = join(tmp, 'tools');
const project = join(tmp, 'project');
for (const dir of [tarballs, tools, project]) mkdirSync(dir);
const npmEnv = {
  ...process.env,
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  ...localSqlitePrebuild(join(tmp, 'prebuilds')),
};
let servers;

try {
  const toolInstall = await run(
    'npm',
    ['install', '--prefix', tools, ...Object.entries(TOOLS).map(([name, version]) => `${name}@${version}`)],
    { env: npmEnv },
  );
  if (toolInstall.code !== 0) throw new Error(`npm could not install the tools:\n${toolInstall.output}`);
  const bin = (name) => join(tools, 'node_modules', '.bin', name);

  const packed = [];
  for (const { dir, manifest } of publicPackages()) {
    const name = manifest.name;
    const before = new Set(readdirSync(tarballs));
    const pack = await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: dir });
    const tarball = readdirSync(tarballs).find((file) => !before.has(file));
    if (pack.code !== 0 || tarball === undefined) {
      report('FAIL', `pack ${name}`, `\n${indent(pack.output)}`);
      continue;
    }
    const path = join(tarballs, tarball);
    const unpacked = join(tmp, 'unpacked', tarball.replace(/\.tgz$/, ''));
    mkdirSync(unpacked, { recursive: true });
    spawnSync('tar', ['-xzf', path, '-C', unpacked, '--strip-components=1']);
    const packedManifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
    const workspaceSpecs = Object.entries(packedManifest.dependencies ?? {}).filter(([, spec]) =>
      spec.startsWith('workspace:'),
    );
    report(
      workspaceSpecs.length === 0 ? 'ok' : 'FAIL',
      `pack ${name}`,
      workspaceSpecs.length === 0
        ? tarball
        : `workspace: left in ${workspaceSpecs.map(([dep]) => dep).join(', ')}`,
    );
    packed.push({ name, dir, path, tarball, unpacked, manifest: packedManifest });
  }

  for (const { name, path } of packed) {
    const publint = await run(bin('publint'), ['--strict', path], { cwd: tmp });
    const last = publint.output.trim().split('\n').at(-1) ?? '';
    report(
      publint.code === 0 ? 'ok' : 'FAIL',
      `publint ${name}`,
      publint.code === 0 ? last : `\n${indent(publint.output)}`,
    );
  }

  for (const { name, path } of packed) {
    const attw = await run(bin('attw'), [path, '--profile', 'esm-only', '--format', 'table-flipped'], {
      cwd: tmp,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    report(
      attw.code === 0 ? 'ok' : 'FAIL',
      `attw ${name}`,
      attw.code === 0 ? 'no problems (esm-only)' : `\n${indent(attw.output)}`,
    );
  }

  for (const { name, unpacked, manifest } of packed) {
    const stray = strayImports(unpacked, manifest);
    report(
      stray.length === 0 ? 'ok' : 'FAIL',
      `dist imports of ${name}`,
      stray.length === 0 ? 'only dependencies and peerDependencies' : `\n${indent(stray.join('\n'))}`,
    );
  }

  // An empty project outside the workspace: every tarball as a dependency, and overrides so that the
  // versions pnpm pack wrote for workspace:* resolve to the same local tarballs rather than the registry.
  const files = Object.fromEntries(packed.map(({ name, path }) => [name, `file:${path}`]));
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'check-packages', private: true, type: 'module', dependencies: files, overrides: files }, null, 2)}\n`,
  );
  writeFileSync(join(project, 'metrics.yml'), METRICS_YML);
  const install = await run('npm', ['install', '--no-package-lock'], { cwd: project, env: npmEnv });
  report(
    install.code === 0 ? 'ok' : 'FAIL',
    'npm install of every tarball into an empty project',
    install.code === 0 ? project : `\n${indent(install.output)}`,
  );

  if (install.code === 0) {
    const examples = [];
    for (const { name, unpacked, manifest } of packed) {
      const readme = join(unpacked, 'README.md');
      if (!existsSync(readme)) {
        report('FAIL', `README of ${name}`, 'not in the tarball');
        continue;
      }
      const found = runnableExamples(readFileSync(readme, 'utf8'));
      if (found.length === 0 && manifest.bin !== undefined)
        report(
          'skip',
          `README of ${name}`,
          'its examples are the CLI and a configured deployment; --help is checked below',
        );
      else if (found.length === 0) report('FAIL', `README of ${name}`, 'no example marked <!-- runnable -->');
      found.forEach((example, index) => {
        examples.push({
          ...example,
          label: `README example ${index + 1} of ${name}`,
          file: `${name.split('/').at(-1)}-${index + 1}`,
        });
      });
    }
    if (examples.some((example) => example.needs.length > 0)) {
      try {
        servers = await startServers(tmp);
      } catch (error) {
        report(
          'FAIL',
          `test stack (Prometheus :${PROMETHEUS_PORT}, Keystone :${KEYSTONE_PORT})`,
          String(error.message),
        );
      }
    }
    for (const example of examples) {
      if (example.needs.length > 0 && servers === undefined) {
        report('FAIL', example.label, `needs ${example.needs.join(', ')}, which did not start`);
        continue;
      }
      const file = join(project, `${example.file}.${example.lang === 'ts' ? 'ts' : 'mjs'}`);
      writeFileSync(file, example.code);
      const command = example.lang === 'ts' ? [bin('tsx'), [file]] : [process.execPath, [file]];
      const result = await run(command[0], command[1], {
        cwd: project,
        env: { ...process.env, ...(servers?.env ?? {}), NODE_OPTIONS: '' },
      });
      // The examples print their failure paths (a caught error) with console.error: stderr fails too.
      const passed = result.code === 0 && (example.stderr || result.stderr.trim() === '');
      report(
        passed ? 'ok' : 'FAIL',
        example.label,
        passed
          ? `${relative(project, file)}${example.needs.length > 0 ? ` against ${example.needs.join(' and ')}` : ''}`
          : `exit ${result.code}${result.stderr.trim() === '' ? '' : ', something on stderr'}\n${indent(result.output)}`,
      );
    }
  }

  // The CLI by name from the repository: the root's script, and the bin pnpm links into node_modules/.bin.
  for (const args of [
    ['kitty-collect', '--help'],
    ['exec', 'kitty-collect', '--help'],
  ]) {
    const help = await run('pnpm', args, { cwd: root });
    report(
      help.code === 0 && help.output.includes('Usage: kitty-collect') ? 'ok' : 'FAIL',
      `pnpm ${args.join(' ')} in the repository`,
      help.code === 0 ? '' : `exit ${help.code}\n${indent(help.output)}`,
    );
  }

  // `npm install -g` of the service's tarball; its @kitty-collect dependencies are not on the registry yet,
  // so their tarballs go in the same command and satisfy them.
  const service = packed.find(({ manifest }) => manifest.bin?.['kitty-collect'] !== undefined);
  if (service === undefined) report('FAIL', 'kitty-collect bin', 'no public package has it');
  else {
    const prefix = join(tmp, 'global');
    const others = packed.filter((entry) => entry !== service).map(({ path }) => path);
    const global = await run('npm', ['install', '-g', '--prefix', prefix, service.path, ...others], {
      env: npmEnv,
    });
    report(
      global.code === 0 ? 'ok' : 'FAIL',
      `npm install -g ${service.tarball}`,
      global.code === 0 ? `--prefix ${prefix}` : `\n${indent(global.output)}`,
    );
    if (global.code === 0) {
      const help = await run(join(prefix, 'bin', 'kitty-collect'), ['--help'], {
        cwd: tmp,
        env: { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}` },
      });
      report(
        help.code === 0 && help.output.includes('Usage: kitty-collect') ? 'ok' : 'FAIL',
        'kitty-collect --help from the global install',
        help.code === 0 ? (help.output.split('\n')[0] ?? '') : `exit ${help.code}\n${indent(help.output)}`,
      );
    }
  }
} catch (error) {
  report('FAIL', 'check-packages', error instanceof Error ? error.message : String(error));
} finally {
  await servers?.stop();
  if (process.argv.includes('--keep')) console.log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}

const failed = results.filter((status) => status === 'FAIL').length;
const passed = results.filter((status) => status === 'ok').length;
const skipped = results.filter((status) => status === 'skip').length;
console.log(
  `check-packages: ${passed} ok, ${failed} failed, ${skipped} skipped (${((performance.now() - started) / 1000).toFixed(0)} s)`,
);
process.exitCode = failed === 0 ? 0 : 1;
