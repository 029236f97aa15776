import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';

/** Rate of change in percent (TA_ROC). Warm-up: period bars. */
export function rocLookback(period = 10): number {
  return period;
}

/** ((x / x_then) − 1) · 100, and 0 when x_then is 0 (TA-Lib). */
export function rocValue(x: number, then: number): number {
  return then !== 0 ? (x / then - 1) * 100 : 0;
}

export function roc(values: ArrayLike<number>, period = 10): Float64Array {
  checkInt('roc', 'period', period, 1);
  return onFiniteBars('roc', [values], ([x], n) => {
    const out = nanArray(n);
    for (let i = period; i < n; i++) out[i] = rocValue(x![i]!, x![i - period]!);
    return [out];
  })[0]!;
}
