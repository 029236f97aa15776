import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';

/** Momentum x − x[period bars ago] (TA_MOM). Warm-up: period bars. */
export function momLookback(period = 10): number {
  return period;
}

export function mom(values: ArrayLike<number>, period = 10): Float64Array {
  checkInt('mom', 'period', period, 1);
  return onFiniteBars('mom', [values], ([x], n) => {
    const out = nanArray(n);
    for (let i = period; i < n; i++) out[i] = x![i]! - x![i - period]!;
    return [out];
  })[0]!;
}
