import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { isZero } from './internal/epsilon.js';
import { atrKernel } from './atr.js';

/** Normalized ATR: 100 · ATR / close (TA_NATR). Warm-up: period bars. */
export function natrLookback(period = 14): number {
  return period;
}

/** TA-Lib outputs 0 when the close is (epsilon-)zero. */
export function natrValue(atrValue: number, close: number): number {
  return isZero(close) ? 0 : (atrValue / close) * 100;
}

export function natr(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period = 14): Float64Array {
  checkInt('natr', 'period', period, 1);
  return onFiniteBars('natr', [high, low, close], ([h, l, c], n) => {
    const out = nanArray(n);
    atrKernel(h!, l!, c!, n, period, out);
    for (let i = period; i < n; i++) out[i] = natrValue(out[i]!, c![i]!);
    return [out];
  })[0]!;
}
