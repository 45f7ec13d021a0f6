import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';

const DECODERS: Readonly<Record<string, (body: Buffer) => Promise<Buffer>>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** The `Content-Encoding` codings to undo, in the order they were applied; `identity` is none. */
export function contentCodings(header: string | string[] | undefined): string[] {
  return [header ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value !== '' && value !== 'identity');
}

/** The first of `codings` that decodeBody cannot undo, if any. */
export function unsupportedCoding(codings: readonly string[]): string | undefined {
  return codings.find((coding) => !Object.hasOwn(DECODERS, coding));
}

/** The body with its content codings undone (last applied, first undone). */
export async function decodeBody(body: Buffer, codings: readonly string[]): Promise<Buffer> {
  let decoded = body;
  for (const coding of [...codings].reverse()) {
    const decoder = DECODERS[coding];
    if (decoder === undefined) throw new Error(`unsupported Content-Encoding "${coding}"`);
    decoded = await decoder(decoded);
  }
  return decoded;
}
