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

const ZLIB = 'zlib: gunzip (fetch asks for gzip, Prometheus compresses)';
const SOCKET = 'socket I/O (native, incl. the syscall)';

/**
 * Which package or runtime part a function belongs to, from its script URL. A native function (no URL:
 * a V8 builtin or a Node binding) is charged to what called it, `callerUrl`: `write` called by node:zlib
 * is decompression, `writeLatin1String` called by node:net is a socket write.
 */
export function categorise(functionName: string, url: string, callerUrl = ''): string {
  if (url === '') {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle (waiting for the server)';
    if (functionName === '(program)') return 'V8 / native, unattributed';
    if (callerUrl === 'node:internal/url') return 'Node internals, other (events, timers, URL, …)';
    if (functionName === 'parse' || functionName === 'stringify') return `JSON.${functionName}`;
    if (functionName === 'runMicrotasks') return 'promise jobs (runMicrotasks)';
    if (callerUrl === 'node:zlib') return ZLIB;
    if (/^node:(net|internal\/stream_base_commons|internal\/child_process)/.test(callerUrl)) return SOCKET;
    return 'V8 builtins, other';
  }
  if (url === 'node:zlib') return ZLIB;
  // prometheus-client-base's parseBody is `JSON.parse(text)` in a try: V8 charges the parse to it
  if (functionName === 'parseBody' && url.includes('prometheus-client-base')) return 'JSON.parse';
  if (url.startsWith('wasm://')) return "llhttp (undici's HTTP parser, wasm)";
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg?.[1] !== undefined) {
    const name = pkg[1];
    return name === 'undici' ? 'undici 6 (npm: Agent, pool, HTTP/1.1 client)' : name;
  }
  const workspace = /\/(?:packages|apps|tooling)\/([^/]+)\/dist\//.exec(url);
  if (workspace?.[1] !== undefined) return `@kitty-collect/${workspace[1]}`;
  if (url.includes('/bench/dist/')) return 'bench harness';
  if (url.startsWith('node:internal/deps/undici'))
    return "Node's fetch (bundled undici: Request, Response, body)";
  if (url.startsWith('node:internal/deps/'))
    return `node ${url.slice('node:internal/deps/'.length).split('/')[0]}`;
  if (
    url.startsWith('node:internal/abort_controller') ||
    url.includes('domexception') ||
    url === 'node:internal/worker/js_transferable' // every AbortSignal is made transferable
  ) {
    return 'AbortSignal / DOMException (Node)';
  }
  if (url === 'node:net' || url === 'node:internal/stream_base_commons') return SOCKET;
  if (url.startsWith('node:internal/webstreams') || url.includes('/streams/') || url.includes('stream')) {
    return 'Node streams (web + node)';
  }
  if (url.startsWith('node:')) return 'Node internals, other (events, timers, URL, …)';
  return url;
}

export async function summariseProfile(path: string): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  /** URL of the nearest caller that has one (for native functions). */
  const callerUrl = (id: number): string => {
    for (let at = parentOf.get(id); at !== undefined; at = parentOf.get(at)) {
      const url = byId.get(at)?.callFrame.url ?? '';
      if (url !== '') return url;
    }
    return '';
  };
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
    const caller = url === '' ? callerUrl(id) : '';
    const category = categorise(functionName, url, caller);
    totalUs += us;
    categories.set(category, (categories.get(category) ?? 0) + us);
    const file =
      url === ''
        ? ''
        : ` ${url.replace(/^.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^file:\/\/.*\/(packages|apps|tooling|bench)\//, '$1/')}:${lineNumber + 1}`;
    const via =
      caller === ''
        ? ''
        : ` (from ${caller.replace(/^.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '')})`;
    const name = `${functionName || '(anonymous)'}${file}${via}`;
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

const seconds = (ms: number) => (ms / 1000).toFixed(3).padStart(7);
const percent = (ms: number, total: number) => `${((100 * ms) / total).toFixed(1).padStart(5)} %`;

/** Self time by package, one column per profiled mode (and the difference when there are two). */
export function formatProfileComparison(
  profiles: readonly { mode: string; summary: ProfileSummary }[],
): string {
  const names = [...new Set(profiles.flatMap((p) => p.summary.categories.map((c) => c.name)))];
  const msOf = (p: { summary: ProfileSummary }, name: string) =>
    p.summary.categories.find((c) => c.name === name)?.ms ?? 0;
  const first = profiles[0];
  if (first !== undefined) names.sort((a, b) => msOf(first, b) - msOf(first, a));
  const width = Math.max(20, ...names.map((n) => n.length));
  const two = profiles.length === 2;
  const head =
    `  ${'self time by package / part'.padEnd(width)}` +
    profiles.map((p) => `  ${p.mode.padStart(19)}`).join('') +
    (two ? `  ${'difference'.padStart(9)}` : '');
  const lines = [head];
  for (const name of names) {
    const cells = profiles.map(
      (p) => `  ${seconds(msOf(p, name))} s ${percent(msOf(p, name), p.summary.totalMs)}`,
    );
    const diff =
      two && profiles[0] && profiles[1] ? msOf(profiles[0], name) - msOf(profiles[1], name) : undefined;
    lines.push(
      `  ${name.padEnd(width)}${cells.join('')}${diff === undefined ? '' : `  ${(diff >= 0 ? '+' : '') + (diff / 1000).toFixed(3)} s`}`,
    );
  }
  const totals = profiles.map(
    (p) => `  ${seconds(p.summary.totalMs)} s ${percent(p.summary.totalMs, p.summary.totalMs)}`,
  );
  const totalDiff =
    two && profiles[0] && profiles[1] ? profiles[0].summary.totalMs - profiles[1].summary.totalMs : undefined;
  lines.push(
    `  ${'total (profile duration)'.padEnd(width)}${totals.join('')}${totalDiff === undefined ? '' : `  ${(totalDiff >= 0 ? '+' : '') + (totalDiff / 1000).toFixed(3)} s`}`,
  );
  return lines.join('\n');
}

export function formatTopFunctions(summary: ProfileSummary, count = 25): string {
  return summary.functions
    .slice(0, count)
    .map((f) => `  ${percent(f.ms, summary.totalMs)}  ${seconds(f.ms)} s  ${f.name}  [${f.category}]`)
    .join('\n');
}
