/**
 * Decimal arithmetic for tests, on BigInt with a fixed scale: an oracle independent of the decimal library
 * the storage uses. Decimal text (`-12.5`, `0.000000001`, `1e-9`) with at most SCALE fraction digits.
 */
const SCALE = 20;

function scaled(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([-+]?\d+))?$/.exec(text);
  if (match === null) throw new RangeError(`not a decimal: ${text}`);
  const fraction = match[3] ?? '';
  const shift = SCALE - fraction.length + Number(match[4] ?? 0);
  const digits = BigInt(`${match[2]}${fraction}`);
  const divisor = 10n ** BigInt(Math.max(0, -shift));
  if (digits % divisor !== 0n) throw new RangeError(`more than ${SCALE} fraction digits: ${text}`);
  const value = shift >= 0 ? digits * 10n ** BigInt(shift) : digits / divisor;
  return match[1] === '-' ? -value : value;
}

function plain(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(SCALE + 1, '0');
  const fraction = digits.slice(-SCALE).replace(/0+$/, '');
  const whole = digits.slice(0, -SCALE);
  return `${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}

export function sumText(values: readonly string[]): string {
  return plain(values.reduce((sum, value) => sum + scaled(value), 0n));
}

export function minText(values: readonly string[]): string {
  return plain(ascending(values)[0] ?? 0n);
}

export function maxText(values: readonly string[]): string {
  return plain(ascending(values).at(-1) ?? 0n);
}

function ascending(values: readonly string[]): bigint[] {
  return values.map(scaled).sort((left, right) => (left === right ? 0 : left < right ? -1 : 1));
}

/** The same value (`1.50` and `1.5`), compared exactly. */
export function sameDecimal(left: string, right: string): boolean {
  return scaled(left) === scaled(right);
}
