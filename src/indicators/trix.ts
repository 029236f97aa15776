import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { emaKernel } from './ema.js';
import { rocValue } from './roc.js';

/** TRIX: 1-bar ROC (percent) of a triple EMA (TA_TRIX). Warm-up: 3·(period − 1) + 1. */
export function trixLookback(period = 30): number {
  return 3 * (period - 1) + 1;
}

export function trix(values: ArrayLike<number>, period = 30): Float64Array {
  checkInt('trix', 'period', period, 1);
  return onFiniteBars('trix', [values], ([x], n) => {
    const e1 = nanArray(n);
    const e2 = nanArray(n);
    const e3 = nanArray(n);
    emaKernel(x!, 0, n, period, e1);
    emaKernel(e1, period - 1, n, period, e2);
    emaKernel(e2, 2 * (period - 1), n, period, e3);
    const out = nanArray(n);
    for (let i = trixLookback(period); i < n; i++) out[i] = rocValue(e3[i]!, e3[i - 1]!);
    return [out];
  })[0]!;
}
