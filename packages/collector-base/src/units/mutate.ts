import type { Decimal } from 'decimal.js';
import { ExactDecimal } from '../decimal/exact-decimal.js';
import type { MutateMap } from './mutate-map.js';

export const MUTATORS = ['NONE', 'NUMBOOL', 'NOTNUMBOOL', 'FLOOR', 'CEIL', 'MAP'] as const;
export type Mutator = (typeof MUTATORS)[number];

const ZERO = new ExactDecimal(0);
const ONE = new ExactDecimal(1);

/** CloudKitty's `mutate()`, applied after unit conversion. */
export function mutate(qty: Decimal, mode: Mutator, mutateMap?: MutateMap): Decimal {
  switch (mode) {
    case 'NUMBOOL':
      return qty.isZero() ? ZERO : ONE;
    case 'NOTNUMBOOL':
      return qty.isZero() ? ONE : ZERO;
    case 'FLOOR':
      return qty.floor();
    case 'CEIL':
      return qty.ceil();
    case 'MAP':
      return mutateMap?.get(qty) ?? ZERO;
    case 'NONE':
      return qty;
  }
}
