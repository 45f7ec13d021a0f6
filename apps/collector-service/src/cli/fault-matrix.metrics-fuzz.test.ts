import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './testing/in-process-cli.js';
import {
  invalidVariant,
  type MetricsVariant,
  MUTATION_KINDS,
  toYaml,
  validDocument,
} from './testing/metrics-fuzz.js';

/*
 * The fault matrix, metrics.yml fuzz part (issue 11): invalid variants of valid metrics.yml files, one mutation
 * each (names, types, unknown keys, factors, mutators, tags, aliases, nesting, encodings, NUL, surrogates,
 * size, duplicate keys, YAML syntax…), each through `kitty-collect validate`. Every one must end with exit 1,
 * every printed line naming the file and a field path (or line and column, or nothing for a problem of the
 * whole file), no "unexpected error", no stack trace, under 2 s and 300 MB. FUZZ_SEED replays another run.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_104);
const RUNS = 1200;
const MAX_MS = 2000;
const MAX_RSS_BYTES = 300 * 1024 * 1024;
const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const REPORT_USAGE = fileURLToPath(new URL('./testing/report-usage.cjs', import.meta.url));

/** A quoted key of a path (`["a b"]`), possibly truncated (`["aaa…"… (5,000 characters)]`). */
const QUOTED = String.raw`\["(?:[^"\\]|\\.)*"(?:… \([\d,]+ characters\))?\]`;
const IDENTIFIER = '[A-Za-z_][A-Za-z0-9_:-]*';
const FIELD_PATH = new RegExp(
  `^(?:${IDENTIFIER}|${QUOTED})(?:\\.${IDENTIFIER}|\\[\\d+\\]|${QUOTED})*: \\S`,
  's',
);
const TEXT_POSITION = /^line \d+, column \d+: \S/;
/** Problems of the whole file, which have no location. */
const WHOLE_FILE = [
  /^metrics\.yml is [\d,]+ bytes, over the [\d,]+-byte limit /,
  /^metrics\.yml \(not a regular file\) gives more than the [\d,]+-byte limit /,
  /^metrics\.yml has more than [\d,]+ YAML tokens /,
  /^expected a mapping with a top-level "metrics" key$/,
  /^[\d,]+ more problems? not listed$/,
];

/** Why a line of `validate`'s output for `file` is not one located problem, or `undefined`. */
function lineProblem(file: string, line: string): string | undefined {
  if (!line.startsWith(`${file}: `)) return 'does not start with the file name';
  const rest = line.slice(file.length + 2);
  if (/unexpected error|^\s+at |\bat .+:\d+:\d+\)?$/m.test(rest))
    return 'is an unexpected error or a stack trace';
  if (rest.length > 1000) return 'is too long (a value not truncated?)';
  if (TEXT_POSITION.test(rest) || FIELD_PATH.test(rest) || WHOLE_FILE.some((form) => form.test(rest))) {
    return undefined;
  }
  return 'names no field path, line and column, or whole-file problem';
}

interface Outcome {
  code: number;
  out: string;
  err: string;
  ms: number;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kc-fuzz-'));
});

/** Writes the variant where `validate` will read it: the file (extended sparse when oversize), or a device. */
async function place(variant: MetricsVariant, file: string): Promise<string> {
  if (variant.path !== undefined) return variant.path;
  await writeFile(file, variant.bytes);
  if (variant.extendTo !== undefined) await truncate(file, variant.extendTo);
  return file;
}

async function validateInProcess(path: string): Promise<Outcome> {
  const started = performance.now();
  const result = await cli(['validate', path]);
  return { ...result, ms: performance.now() - started };
}

describe('fault matrix: metrics.yml fuzz', () => {
  it('the valid documents the variants start from are valid (property)', async () => {
    const file = join(dir, 'valid.yml');
    await fc.assert(
      fc.asyncProperty(
        validDocument,
        fc.constantFrom('block' as const, 'flow' as const),
        async (document, style) => {
          await writeFile(file, toYaml(document, style));
          const result = await cli(['validate', file]);
          expect(result.err).toBe('');
          expect(result.code).toBe(0);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it(`refuses ${RUNS} invalid variants cleanly, each under 2 s and 300 MB (property)`, {
    timeout: 300_000,
  }, async () => {
    console.log(`metrics.yml fuzz: seed ${SEED} (FUZZ_SEED=${SEED} replays this run), ${RUNS} variants`);
    const file = join(dir, 'metrics.yml');
    const seen = new Map<string, number>();
    let slowest = { ms: 0, kind: '' };
    let maxRss = 0;
    let runs = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(invalidVariant, async (variant) => {
        runs++;
        seen.set(variant.kind, (seen.get(variant.kind) ?? 0) + 1);
        const path = await place(variant, file);
        const outcome = await validateInProcess(path);
        const rss = process.memoryUsage().rss;
        maxRss = Math.max(maxRss, rss);
        if (outcome.ms > slowest.ms) slowest = { ms: outcome.ms, kind: variant.kind };

        expect({ kind: variant.kind, code: outcome.code, out: outcome.out }).toEqual({
          kind: variant.kind,
          code: 1,
          out: '',
        });
        const lines = outcome.err.split('\n').filter((line) => line !== '');
        expect(lines.length).toBeGreaterThan(0);
        const wrong = lines
          .map((line) => [line.slice(0, 300), lineProblem(path, line)])
          .filter(([, why]) => why);
        expect({ kind: variant.kind, wrong }).toEqual({ kind: variant.kind, wrong: [] });
        expect(outcome.ms).toBeLessThan(MAX_MS);
        expect(rss).toBeLessThan(MAX_RSS_BYTES);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `metrics.yml fuzz: ${runs} variants in ${seconds} s, slowest ${slowest.ms.toFixed(0)} ms (${slowest.kind}), max RSS ${(maxRss / 1048576).toFixed(0)} MiB; by mutation: ${[...seen].map(([kind, count]) => `${kind} ${count}`).join(', ')}`,
    );
    expect(runs).toBeGreaterThanOrEqual(1000);
    expect(MUTATION_KINDS.filter((kind) => !seen.has(kind))).toEqual([]);
  });

  it('a real kitty-collect process prints exactly what the in-process run does, within bounds', {
    timeout: 120_000,
  }, async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the package first`);
    const wanted = [
      'label-name',
      'metric-name',
      'non-utf8',
      'alias-bomb',
      'bad-tag',
      'deep-nesting',
      'nul',
      'lone-surrogate',
      'yaml-syntax',
      'oversize',
      'too-many-tokens',
      'device',
    ];
    const samples = fc.sample(invalidVariant, { seed: SEED, numRuns: 2000 });
    const chosen = wanted.map((kind) => samples.find((variant) => variant.kind === kind));
    for (const [index, variant] of chosen.entries()) {
      expect(variant, `no sample of ${wanted[index]}`).toBeDefined();
      if (variant === undefined) continue;
      const path = await place(variant, join(dir, `process-${index}.yml`));
      const inProcess = await validateInProcess(path);
      const child = await runMain(['validate', path]);
      expect({ kind: variant.kind, code: child.code, out: child.out, err: child.err }).toEqual({
        kind: variant.kind,
        code: 1,
        out: '',
        err: inProcess.err,
      });
      expect(child.cpuMs, `${variant.kind}: CPU time`).toBeLessThan(MAX_MS);
      expect(child.maxRssKb * 1024, `${variant.kind}: peak RSS`).toBeLessThan(MAX_RSS_BYTES);
      console.log(
        `metrics.yml fuzz, real process: ${variant.kind}: ${child.ms.toFixed(0)} ms wall, ${child.cpuMs.toFixed(0)} ms CPU, ${(child.maxRssKb / 1024).toFixed(0)} MiB peak RSS`,
      );
    }
  });
});

/** Runs dist/main.js with the usage reporter preloaded. */
function runMain(args: string[]): Promise<Outcome & { cpuMs: number; maxRssKb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--require', REPORT_USAGE, MAIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const collect = (index: 1 | 2 | 3) => {
    const chunks: Buffer[] = [];
    child.stdio[index]?.on('data', (chunk: Buffer) => chunks.push(chunk));
    return () => Buffer.concat(chunks).toString('utf8');
  };
  const [out, err, usage] = [collect(1), collect(2), collect(3)];
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const report = JSON.parse(usage() || '{"cpuMs":0,"maxRssKb":0}') as { cpuMs: number; maxRssKb: number };
      resolve({ code: code ?? -1, out: out(), err: err(), ms: performance.now() - started, ...report });
    });
  });
}
