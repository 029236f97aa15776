import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { emaKernel } from './ema.js';

/** Triple EMA: 3·E1 − 3·E2 + E3 (TA_TEMA). Warm-up: 3·(period − 1). */
export function temaLookback(period = 30): number {
  return 3 * (period - 1);
}

export function tema(values: ArrayLike<number>, period = 30): Float64Array {
  checkInt('tema', 'period', period, 1);
  return onFiniteBars('tema', [values], ([x], n) => {
    const e1 = nanArray(n);
    const e2 = nanArray(n);
    const e3 = nanArray(n);
    emaKernel(x!, 0, n, period, e1);
    emaKernel(e1, period - 1, n, period, e2);
    emaKernel(e2, 2 * (period - 1), n, period, e3);
    const out = nanArray(n);
    // TA-Lib's grouping: E3 + (3·E1 − 3·E2).
    for (let i = temaLookback(period); i < n; i++) out[i] = e3[i]! + (3 * e1[i]! - 3 * e2[i]!);
    return [out];
  })[0]!;
}
