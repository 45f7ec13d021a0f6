import { InvalidConfiguration } from '../../errors/invalid-configuration.js';
import { type ParseMetricsConfOptions, parseMetricsConf } from '../load-metrics-conf.js';

function linesOf(error: unknown): string[] {
  if (!(error instanceof InvalidConfiguration)) throw error;
  return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

/** The issues of the InvalidConfiguration `run` throws, as `<path>: <message>` lines. */
export function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    return linesOf(error);
  }
  throw new Error('expected an InvalidConfiguration');
}

/** {@link issuesOf} for a promise. */
export async function issuesOfRejection(promise: Promise<unknown>): Promise<string[]> {
  return promise.then(
    () => {
      throw new Error('expected an InvalidConfiguration');
    },
    (error: unknown) => linesOf(error),
  );
}

/** What `parseMetricsConf` refuses in `input`. */
export function refusalOf(input: string | Uint8Array, options?: ParseMetricsConfOptions): string[] {
  return issuesOf(() => parseMetricsConf(input, options));
}
