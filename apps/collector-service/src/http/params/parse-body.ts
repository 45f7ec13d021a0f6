import type { z } from 'zod';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';

/**
 * The edge of an endpoint that takes a body: the JSON value → typed fields, or a 400 naming every bad
 * field by its path (`dataframes[0].usage.cpu[1].vol.qty`). A missing body is an empty object, so that
 * required fields are reported as such. A key a strict object does not know is named too, with
 * voluptuous' words (`Invalid parameter 'limit': extra keys not allowed`).
 */
export function parseBody<Schema extends z.ZodType>(body: unknown, schema: Schema): z.output<Schema> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw new InvalidParameterError(
    parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            parameter: issuePath([...issue.path, key]),
            message: 'extra keys not allowed',
          }))
        : [{ parameter: issuePath(issue.path), message: issue.message }],
    ),
  );
}

function issuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text === '' ? 'body' : text;
}
