import { InvalidConfiguration } from '../errors/invalid-configuration.js';
import { type MetricsConfLimits, resolveLimits } from './metrics-conf-limits.js';
import { parseYaml } from './parse-yaml.js';
import { formatCount } from './quote-value.js';
import { readBoundedFile, sizeLimitMessage } from './read-bounded-file.js';
import { lineColumnAt, textIssue } from './text-position.js';
import { decodeUtf8 } from './utf8.js';

/** A metrics.yml as parsed, before validation. */
export type RawMetricsConf = Record<string, unknown>;

/** Limits on reading a metrics.yml (see {@link MetricsConfLimits}; each has a default). */
export type LoadMetricsConfOptions = Partial<MetricsConfLimits>;

export interface ParseMetricsConfOptions extends Partial<MetricsConfLimits> {
  /** File name used in error messages. Default `metrics.yml`. */
  source?: string;
}

/**
 * Parses metrics.yml as YAML 1.2 (core schema), as CloudKitty's operators write it. metrics.yml is
 * untrusted input: bytes must be UTF-8 without NUL; the text is parsed within `limits` (size, tokens,
 * nesting, aliases) and only as plain data (core schema tags, string or number keys, no duplicates, no
 * lone surrogates). Every refusal is an {@link InvalidConfiguration} located by line and column, or by the
 * field path for a bad string.
 */
export function parseMetricsConf(
  text: string | Uint8Array,
  options: string | ParseMetricsConfOptions = {},
): RawMetricsConf {
  const { source = 'metrics.yml', ...limitOptions } =
    typeof options === 'string' ? { source: options } : options;
  const limits = resolveLimits(limitOptions, 'parseMetricsConf');
  const size = typeof text === 'string' ? Buffer.byteLength(text, 'utf8') : text.byteLength;
  if (size > limits.maxBytes) {
    throw new InvalidConfiguration(
      [{ path: '', message: sizeLimitMessage(`is ${formatCount(size)} bytes, over`, limits.maxBytes) }],
      { source },
    );
  }
  return parseText(typeof text === 'string' ? text : decodeUtf8(text, source), limits, source);
}

/** Reads and parses a metrics.yml file; validation is the collector's job (`checkConfiguration`). */
export async function loadMetricsConf(
  path: string,
  options: LoadMetricsConfOptions = {},
): Promise<RawMetricsConf> {
  const limits = resolveLimits(options, 'loadMetricsConf');
  const bytes = await readBoundedFile(path, limits.maxBytes);
  return parseText(decodeUtf8(bytes, path), limits, path);
}

function parseText(text: string, limits: MetricsConfLimits, source: string): RawMetricsConf {
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const { line, column } = lineColumnAt(text, nul);
    throw new InvalidConfiguration(
      [textIssue(line, column, 'contains a NUL character (U+0000); metrics.yml is text')],
      { source },
    );
  }
  const document = parseYaml(text, limits, source);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new InvalidConfiguration(
      [{ path: '', message: 'expected a mapping with a top-level "metrics" key' }],
      { source },
    );
  }
  return document as RawMetricsConf;
}
