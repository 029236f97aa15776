import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { emaKernel } from './ema.js';

/** Double EMA: 2·EMA − EMA(EMA) (TA_DEMA). Warm-up: 2·(period − 1). */
export function demaLookback(period = 30): number {
  return 2 * (period - 1);
}

export function dema(values: ArrayLike<number>, period = 30): Float64Array {
  checkInt('dema', 'period', period, 1);
  return onFiniteBars('dema', [values], ([x], n) => {
    const e1 = nanArray(n);
    const e2 = nanArray(n);
    const out = nanArray(n);
    emaKernel(x!, 0, n, period, e1);
    // The second EMA starts where the first one has its first value, and is
    // seeded by the SMA of the first `period` EMA values (TA-Lib).
    emaKernel(e1, period - 1, n, period, e2);
    for (let i = demaLookback(period); i < n; i++) out[i] = 2 * e1[i]! - e2[i]!;
    return [out];
  })[0]!;
}
