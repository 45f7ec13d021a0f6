import type { Decimal } from 'decimal.js';
import { ExactDecimal } from '../decimal/exact-decimal.js';

/**
 * A `mutate_map`: quantities matched by numeric equality of their decimal text, so the keys
 * `0.1`, `'0.10'` and `1e-1` all match a quantity of 0.1.
 */
export class MutateMap {
  readonly #values: ReadonlyMap<string, Decimal>;

  constructor(entries: Iterable<readonly [Decimal, Decimal]>) {
    const values = new Map<string, Decimal>();
    for (const [key, value] of entries) values.set(canonicalKey(key), value);
    this.#values = values;
  }

  get size(): number {
    return this.#values.size;
  }

  get(qty: Decimal): Decimal | undefined {
    return this.#values.get(canonicalKey(qty));
  }

  entries(): IterableIterator<[string, Decimal]> {
    return this.#values.entries();
  }

  toJSON(): Record<string, string> {
    return Object.fromEntries([...this.#values].map(([key, value]) => [key, value.toString()]));
  }
}

function canonicalKey(value: Decimal): string {
  // decimal.js prints equal values identically once trailing zeros are gone; -0 prints as 0.
  return new ExactDecimal(value).toString();
}
