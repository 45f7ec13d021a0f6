import { readFile } from 'node:fs/promises';
import { parse, YAMLParseError } from 'yaml';
import { InvalidConfiguration } from '../errors/invalid-configuration.js';

/** A metrics.yml as parsed, before validation. */
export type RawMetricsConf = Record<string, unknown>;

/** Parses metrics.yml text as YAML 1.2 (core schema), as CloudKitty's operators write it. */
export function parseMetricsConf(text: string, source = 'metrics.yml'): RawMetricsConf {
  let document: unknown;
  try {
    document = parse(text, { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const [line, col] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [];
    const where = line === undefined ? '' : `line ${line}, column ${col}`;
    throw new InvalidConfiguration(
      [{ path: where, message: `YAML syntax: ${error.message.split('\n')[0]}` }],
      {
        source,
        cause: error,
      },
    );
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new InvalidConfiguration(
      [{ path: '', message: 'expected a mapping with a top-level "metrics" key' }],
      {
        source,
      },
    );
  }
  return document as RawMetricsConf;
}

/** Reads and parses a metrics.yml file; validation is the collector's job (`checkConfiguration`). */
export async function loadMetricsConf(path: string): Promise<RawMetricsConf> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new InvalidConfiguration([{ path: '', message: `cannot read the file (${reason})` }], {
      source: path,
      cause: error,
    });
  }
  return parseMetricsConf(text, path);
}
