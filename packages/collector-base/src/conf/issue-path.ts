const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_:-]*$/;

/** `['metrics', 'cpu', 1, 'mutate']` → `metrics.cpu[1].mutate`; odd keys are quoted: `metrics["a b"].unit`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}
