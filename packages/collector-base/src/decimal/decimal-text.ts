/**
 * A decimal written as people and CloudKitty write them: `12`, `-0.5`, `.5`, `1.`, `1e-9`, blanks around
 * allowed. decimal.js also takes `0x10`, `Infinity` and `NaN`, which are no quantity: check with this first.
 */
const DECIMAL_TEXT = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}
