import type { z } from 'zod';

function formatPath(path: readonly PropertyKey[]): string {
  let formatted = '';
  for (const key of path) {
    formatted += typeof key === 'number' ? `[${key}]` : `${formatted === '' ? '' : '.'}${String(key)}`;
  }
  return formatted === '' ? '(root)' : formatted;
}

/** The first failing path of a body that is JSON but not a Prometheus answer. */
export function describeSchemaIssue(error: z.ZodError): string {
  const [first] = error.issues;
  if (first === undefined) return 'response does not match the Prometheus API schema';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more issues)` : '';
  return `response does not match the Prometheus API schema at ${formatPath(first.path)}: ${first.message}${more}`;
}
