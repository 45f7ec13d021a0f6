/**
 * One value of each kind an expression meets, as expression text: None, bool, int, float, the point's
 * Decimals (`qty`, `price`), str, list, tuple, dict. The comparison tables of the evaluator's tests were
 * printed by Python over exactly this list, in this order.
 */
export const PYTHON_VALUES = [
  'None',
  'True',
  'False',
  '0',
  '1',
  '-1',
  '0.0',
  '0.1',
  '1e3',
  "datapoint['vol']['qty']",
  "datapoint['rating']['price']",
  "''",
  "'a'",
  "'ab'",
  '[]',
  '[1]',
  '(1,)',
  '{}',
  "{'a': 1}",
] as const;
