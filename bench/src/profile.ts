import { readFile } from 'node:fs/promises';

/** The parts of a V8 `.cpuprofile` used here. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by category (package, or V8 / Node part), largest first. */
  categories: { name: string; ms: number }[];
  /** Self time by function, largest first. */
  functions: { name: string; category: string; ms: number }[];
}

/** Which package or runtime part a function belongs to, from its script URL. */
export function categorise(functionName: string, url: string): string {
  if (url === '') {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle (waiting for Prometheus)';
    if (functionName === '(program)') return 'V8 / native (other)';
    if (functionName === 'parse') return 'JSON.parse';
    if (functionName === 'stringify') return 'JSON.stringify';
    return 'V8 builtins (other)';
  }
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg?.[1] !== undefined) {
    const name = pkg[1];
    if (name.startsWith('@kitty-collect/')) return name;
    return name === 'undici' ? 'undici (npm: Agent, pool, HTTP/1.1 parser)' : name;
  }
  const workspace = /\/(?:packages|apps|tooling)\/([^/]+)\/dist\//.exec(url);
  if (workspace?.[1] !== undefined) return `@kitty-collect/${workspace[1]}`;
  if (url.includes('/bench/dist/')) return 'bench harness';
  if (url.startsWith('node:internal/deps/undici'))
    return "Node's fetch (bundled undici: Request/Response, streams)";
  if (url.startsWith('node:internal/deps/'))
    return `node ${url.slice('node:internal/deps/'.length).split('/')[0]}`;
  if (url.startsWith('node:internal/webstreams') || url.includes('streams')) return 'Node streams';
  if (url.startsWith('node:internal/')) return 'Node internals (net, timers, events, …)';
  if (url.startsWith('node:')) return 'Node internals (net, timers, events, …)';
  return url;
}

export async function summariseProfile(path: string): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i += 1) {
    const id = profile.samples[i] as number;
    // timeDeltas[i] is the time before sample i; attribute the interval after it to sample i
    const delta = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  }
  const categories = new Map<string, number>();
  const functions = new Map<string, { name: string; category: string; ms: number }>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const category = categorise(functionName, url);
    totalUs += us;
    categories.set(category, (categories.get(category) ?? 0) + us);
    const file =
      url === ''
        ? ''
        : ` ${url.replace(/^.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^file:\/\/.*\/(packages|apps|tooling|bench)\//, '$1/')}:${lineNumber + 1}`;
    const name = `${functionName || '(anonymous)'}${file}`;
    const entry = functions.get(name) ?? { name, category, ms: 0 };
    entry.ms += us / 1000;
    functions.set(name, entry);
  }
  return {
    totalMs: totalUs / 1000,
    categories: [...categories].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms),
    functions: [...functions.values()].sort((a, b) => b.ms - a.ms),
  };
}

export function formatProfileSummary(summary: ProfileSummary, topFunctions = 25): string {
  const pct = (ms: number) => `${((100 * ms) / summary.totalMs).toFixed(1).padStart(5)} %`;
  const lines = [`Self time by package / part (total ${(summary.totalMs / 1000).toFixed(2)} s of profile):`];
  const width = Math.max(...summary.categories.map((c) => c.name.length));
  for (const c of summary.categories) {
    lines.push(`  ${c.name.padEnd(width)}  ${(c.ms / 1000).toFixed(3).padStart(7)} s  ${pct(c.ms)}`);
  }
  lines.push('', `Top ${topFunctions} functions by self time:`);
  for (const f of summary.functions.slice(0, topFunctions)) {
    lines.push(`  ${pct(f.ms)}  ${(f.ms / 1000).toFixed(3).padStart(7)} s  ${f.name}  [${f.category}]`);
  }
  return lines.join('\n');
}
